package dev.lamina.onnx;

import dev.lamina.data.CategoricalColumn;
import dev.lamina.data.ColumnSpec;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.NumericColumn;
import dev.lamina.data.Tables;
import dev.lamina.onnx.proto.Onnx;
import java.util.ArrayList;
import java.util.List;

/**
 * A feature spec as ONNX nodes, so that an exported model takes raw rows: one graph input per
 * column the spec reads, named after the column, of shape {@code [batch, 1]}.
 * <ul>
 *   <li>A numeric column is a float input, NaN where the cell is missing: {@code IsNaN}, {@code Where}
 *       with the imputed value, then {@code (x - offset) / scale}, and the missing indicator as a
 *       {@code Cast} of the NaN mask.</li>
 *   <li>A categorical column is a string input (cells as Lamina reads them, trimmed): an
 *       {@code ai.onnx.ml} {@code LabelEncoder} from tokens to indices (the out-of-vocabulary index
 *       by default; the missing tokens {@code "", NA, N/A, NaN, nan, ?} to the missing category's
 *       index), then {@code OneHot} or, for an index output, a {@code Cast}.</li>
 * </ul>
 * The parts are concatenated in the spec's order, as {@link FeatureSpec#transform} lays them out.
 */
final class FeatureGraph {
    /** The domain of the traditional-ML operators. */
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** The version of it written (LabelEncoder with string keys and int64 values). */
    static final int ML_OPSET = 2;

    private final OnnxExport e;

    FeatureGraph(OnnxExport e) {
        this.e = e;
    }

    /** Adds the inputs and the nodes of {@code spec}; returns the name of the network's input. */
    String inputs(FeatureSpec spec) {
        List<String> parts = new ArrayList<>();
        for (ColumnSpec c : spec.columns()) {
            if (c instanceof NumericColumn n) {
                e.graph().addInput(input(n.name(), Onnx.TensorProto.DataType.FLOAT_VALUE));
                parts.addAll(numeric(n));
            } else if (c instanceof CategoricalColumn k) {
                e.graph().addInput(input(k.name(), Onnx.TensorProto.DataType.STRING_VALUE));
                parts.add(categorical(k));
            }
        }
        String x = e.next("features");
        e.graph().addNode(OnnxExport.node("Concat", parts.toArray(new String[0]), x)
                .addAttribute(OnnxExport.intAttr("axis", 1)));
        return x;
    }

    private List<String> numeric(NumericColumn n) {
        String mask = e.next(n.name());
        e.graph().addNode(OnnxExport.node("IsNaN", new String[] {n.name()}, mask));
        String imputed = e.next(n.name());
        e.graph().addNode(OnnxExport.node("Where", new String[] {mask, scalar(n.name() + "/imputed", n.imputed()),
            n.name()}, imputed));
        String shifted = e.next(n.name());
        e.graph().addNode(OnnxExport.node("Sub", new String[] {imputed, scalar(n.name() + "/offset", n.offset())},
                shifted));
        String scaled = e.next(n.name());
        e.graph().addNode(OnnxExport.node("Div", new String[] {shifted, scalar(n.name() + "/scale", n.scale())}, scaled));
        if (!n.indicator()) {
            return List.of(scaled);
        }
        String indicator = e.next(n.name());
        e.graph().addNode(OnnxExport.node("Cast", new String[] {mask}, indicator)
                .addAttribute(OnnxExport.intAttr("to", Onnx.TensorProto.DataType.FLOAT_VALUE)));
        return List.of(scaled, indicator);
    }

    private String categorical(CategoricalColumn k) {
        List<String> vocab = k.vocabulary();
        int width = k.indices();
        Onnx.AttributeProto.Builder keys = Onnx.AttributeProto.newBuilder().setName("keys_strings")
                .setType(Onnx.AttributeProto.AttributeType.STRINGS);
        Onnx.AttributeProto.Builder values = Onnx.AttributeProto.newBuilder().setName("values_int64s")
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (int i = 0; i < vocab.size(); i++) {
            keys.addStrings(com.google.protobuf.ByteString.copyFromUtf8(vocab.get(i)));
            values.addInts(i + k.numOovIndices());
        }
        int missingAt = vocab.indexOf(CategoricalColumn.MISSING_TOKEN);
        // Unseen values: the out-of-vocabulary index, or with none an index OneHot leaves all zeros.
        long unseen = k.numOovIndices() == 1 ? 0 : width;
        for (String m : Tables.missingTokens()) {
            keys.addStrings(com.google.protobuf.ByteString.copyFromUtf8(m));
            values.addInts(missingAt >= 0 ? missingAt + k.numOovIndices() : unseen);
        }
        String index = e.next(k.name());
        e.graph().addNode(OnnxExport.node("LabelEncoder", new String[] {k.name()}, index).setDomain(ML_DOMAIN)
                .addAttribute(keys).addAttribute(values)
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("default_int64")
                        .setType(Onnx.AttributeProto.AttributeType.INT).setI(unseen)));
        if (k.output().equals("index")) {
            String y = e.next(k.name());
            e.graph().addNode(OnnxExport.node("Cast", new String[] {index}, y)
                    .addAttribute(OnnxExport.intAttr("to", Onnx.TensorProto.DataType.FLOAT_VALUE)));
            return y;
        }
        String depth = longs(k.name() + "/depth", new long[] {width}, new int[] {1});
        String onOff = e.initializer(k.name() + "/off_on", new float[] {0f, 1f}, new int[] {2});
        String hot = e.next(k.name());
        e.graph().addNode(OnnxExport.node("OneHot", new String[] {index, depth, onOff}, hot)
                .addAttribute(OnnxExport.intAttr("axis", -1)));
        String y = e.next(k.name());
        String shape = longs(k.name() + "/shape", new long[] {-1, width}, new int[] {2});
        e.graph().addNode(OnnxExport.node("Reshape", new String[] {hot, shape}, y));
        return y;
    }

    private String scalar(String name, double v) {
        return e.initializer(name, new float[] {(float) v}, new int[] {1});
    }

    private String longs(String name, long[] values, int[] dims) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.INT64_VALUE);
        for (long v : values) {
            t.addInt64Data(v);
        }
        for (int d : dims) {
            t.addDims(d);
        }
        e.graph().addInitializer(t);
        return name;
    }

    private static Onnx.ValueInfoProto input(String name, int type) {
        Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(1)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
