package dev.lamina.onnx;

import com.google.protobuf.ByteString;
import dev.lamina.io.AtomicFiles;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Embedding;
import dev.lamina.layers.core.Flatten;
import dev.lamina.layers.core.ELU;
import dev.lamina.layers.core.Identity;
import dev.lamina.layers.core.PReLU;
import dev.lamina.layers.core.ReLU;
import dev.lamina.layers.core.Rescaling;
import dev.lamina.layers.core.Softmax;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.normalization.Normalization;
import dev.lamina.layers.normalization.RMSNormalization;
import dev.lamina.layers.normalization.UnitNormalization;
import dev.lamina.layers.regularization.ActivityRegularization;
import dev.lamina.layers.regularization.NoiseLayer;
import dev.lamina.data.Scaler;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.onnx.proto.Onnx;
import dev.lamina.util.LaminaVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a Lamina model's inference graph as an ONNX file (opset 17, IR version 8), with classes
 * generated from the official {@code onnx.proto}: Dense becomes Gemm, BatchNormalization and
 * LayerNormalization their ONNX operators with Keras' epsilon written out, activations their
 * operators (GELU and SiLU as the formulas they stand for, since opset 17 has no Gelu), Normalization
 * a Sub and a Div, Embedding a Gather (its float indices cast to integers), Flatten a Flatten;
 * Dropout and the other noise layers, the identity at inference, are left out.
 * The input is {@code input} of shape {@code [batch, features]}, the output {@code output}.
 */
public final class OnnxExport {
    /** The opset written. */
    public static final int OPSET = 17;
    private static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private int counter;

    private OnnxExport() {}

    /**
     * Writes {@code model} to {@code path}, atomically.
     *
     * @throws IllegalArgumentException for a layer ONNX export does not cover, naming it
     */
    public static void export(Sequential model, Path path) throws IOException {
        AtomicFiles.write(path, toBytes(model));
    }

    /**
     * The ONNX bytes of {@code model}, its preprocessing included: with a feature spec the graph
     * takes raw columns (see {@link FeatureGraph}); with a feature scaler it takes raw rows as
     * {@code input}; with a target scaler its {@code output} is in the target's units.
     */
    public static byte[] toBytes(Sequential model) {
        OnnxExport e = new OnnxExport();
        e.graph.setName(model.name());
        Preprocessing p = model.preprocessing();
        String x;
        if (p != null && p.featureSpec() != null) {
            x = new FeatureGraph(e).inputs(p.featureSpec());
        } else {
            e.graph.addInput(valueInfo("input", model.inputShape().size()));
            x = p != null && p.featureScaler() != null ? e.affine("input", p.featureScaler(), false) : "input";
        }
        for (Layer l : model.layers()) {
            x = e.layer(l, x);
        }
        if (p != null && p.targetScaler() != null) {
            x = e.affine(x, p.targetScaler(), true);
        }
        e.graph.addNode(node("Identity", new String[] {x}, "output"));
        e.graph.addOutput(valueInfo("output", model.outputShape().size()));
        return Onnx.ModelProto.newBuilder().setIrVersion(8).setProducerName("lamina").setProducerVersion(LaminaVersion.get())
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain(FeatureGraph.ML_DOMAIN)
                        .setVersion(FeatureGraph.ML_OPSET))
                .setGraph(e.graph).build().toByteArray();
    }

    /** A scaler as nodes: {@code (x - offset) / scale}, or {@code x * scale + offset} when {@code inverse}. */
    private String affine(String x, Scaler scaler, boolean inverse) {
        java.util.Map<String, Object> st = scaler.state();
        float[] offset = floats((java.util.List<?>) st.get("offset"));
        float[] scale = floats((java.util.List<?>) st.get("scale"));
        String o = initializer(next("offset"), offset, new int[] {offset.length});
        String s = initializer(next("scale"), scale, new int[] {scale.length});
        return affineNodes("scaled", x, s, o, inverse);
    }

    /**
     * {@code (x - offset) / scale}, or {@code x * scale + offset} when {@code inverse}, as two nodes
     * named after {@code owner}: a scaler's, Normalization's and Rescaling's arithmetic.
     */
    private String affineNodes(String owner, String x, String scale, String offset, boolean inverse) {
        String t = next(owner);
        String y = next(owner);
        if (inverse) {
            graph.addNode(node("Mul", new String[] {x, scale}, t));
            graph.addNode(node("Add", new String[] {t, offset}, y));
        } else {
            graph.addNode(node("Sub", new String[] {x, offset}, t));
            graph.addNode(node("Div", new String[] {t, scale}, y));
        }
        return y;
    }

    private static float[] floats(java.util.List<?> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    /** The graph being written (for {@link FeatureGraph}). */
    Onnx.GraphProto.Builder graph() {
        return graph;
    }

    private String layer(Layer l, String x) {
        if (l instanceof NoiseLayer) {
            return x;
        }
        if (l instanceof Dense d) {
            String w = initializer(d.name() + "/kernel", d.kernel().value().data(), d.kernel().value().shape().dims());
            float[] b = d.bias() != null ? d.bias().value().data() : new float[d.units()];
            String bias = initializer(d.name() + "/bias", b, new int[] {d.units()});
            String y = next(d.name());
            graph.addNode(node("Gemm", new String[] {x, w, bias}, y));
            return activation(d.activation().name(), y, d.name());
        }
        if (l instanceof Embedding em) {
            // Indices arrive as float; Gather wants integers.
            String table = initializer(em.name() + "/embeddings", em.embeddings().value().data(),
                    em.embeddings().value().shape().dims());
            String idx = next(em.name());
            graph.addNode(node("Cast", new String[] {x}, idx)
                    .addAttribute(intAttr("to", Onnx.TensorProto.DataType.INT64_VALUE)));
            String y = next(em.name());
            graph.addNode(node("Gather", new String[] {table, idx}, y).addAttribute(intAttr("axis", 0)));
            return y;
        }
        if (l instanceof Flatten f) {
            String y = next(f.name());
            graph.addNode(node("Flatten", new String[] {x}, y).addAttribute(intAttr("axis", 1)));
            return y;
        }
        if (l instanceof Activation a) {
            return activation(a.config().activation(), x, a.name());
        }
        if (l instanceof Identity || l instanceof ActivityRegularization) {
            return x;
        }
        if (l instanceof Rescaling r) {
            float[] scale = r.scales();
            float[] offset = r.offsets();
            String s = initializer(r.name() + "/scale", scale, new int[] {scale.length});
            String o = initializer(r.name() + "/offset", offset, new int[] {offset.length});
            return affineNodes(r.name(), x, s, o, true);
        }
        if (l instanceof Softmax s) {
            return activation("softmax", x, s.name());
        }
        if (l instanceof ELU e) {
            String y = next(e.name());
            graph.addNode(node("Elu", new String[] {x}, y).addAttribute(floatAttr("alpha", (float) e.config().alpha())));
            return y;
        }
        if (l instanceof ReLU r) {
            return relu(r, x);
        }
        if (l instanceof PReLU p) {
            Parameter alpha = find(p, "alpha");
            String slope = initializer(p.name() + "/alpha", alpha.value().data(), alpha.value().shape().dims());
            String y = next(p.name());
            graph.addNode(node("PRelu", new String[] {x, slope}, y));
            return y;
        }
        if (l instanceof BatchNormalization bn) {
            if (!bn.normalizesFeatures()) {
                throw new IllegalArgumentException("ONNX export covers BatchNormalization over features of rank-1"
                        + " inputs; " + bn + " normalizes another axis.");
            }
            int c = bn.channels();
            float[] ones = new float[c];
            java.util.Arrays.fill(ones, 1f);
            String scale = initializer(bn.name() + "/gamma", bn.gamma() != null ? bn.gamma().value().data() : ones,
                    new int[] {c});
            String beta = initializer(bn.name() + "/beta", bn.beta() != null ? bn.beta().value().data() : new float[c],
                    new int[] {c});
            String mean = initializer(bn.name() + "/moving_mean", bn.movingMean().value().data(), new int[] {c});
            String var = initializer(bn.name() + "/moving_variance", bn.movingVariance().value().data(), new int[] {c});
            String y = next(bn.name());
            graph.addNode(node("BatchNormalization", new String[] {x, scale, beta, mean, var}, y)
                    .addAttribute(floatAttr("epsilon", (float) bn.config().epsilon())));
            return y;
        }
        if (l instanceof LayerNormalization ln) {
            int c = ln.inputShape().dim(-1);
            float[] ones = new float[c];
            java.util.Arrays.fill(ones, 1f);
            Parameter gamma = find(ln, "gamma");
            Parameter beta = find(ln, "beta");
            String scale = initializer(ln.name() + "/gamma", gamma != null ? gamma.value().data() : ones, new int[] {c});
            if (ln.config().rmsScaling()) {
                return rmsScaling(ln, x, scale);
            }
            String b = initializer(ln.name() + "/beta", beta != null ? beta.value().data() : new float[c], new int[] {c});
            String y = next(ln.name());
            graph.addNode(node("LayerNormalization", new String[] {x, scale, b}, y)
                    .addAttribute(intAttr("axis", -1))
                    .addAttribute(floatAttr("epsilon", (float) ln.config().epsilon())));
            return y;
        }
        if (l instanceof RMSNormalization r) {
            return rmsNormalization(r, x);
        }
        if (l instanceof UnitNormalization u) {
            return unitNormalization(u, x);
        }
        if (l instanceof Normalization n) {
            float[] mean = find(n, "mean").value().data();
            float[] var = find(n, "variance").value().data();
            float[] std = new float[var.length];
            for (int i = 0; i < var.length; i++) {
                std[i] = (float) Math.max(Math.sqrt(var[i]), 1e-7);
            }
            String m = initializer(n.name() + "/mean", mean, new int[] {mean.length});
            String s = initializer(n.name() + "/std", std, new int[] {std.length});
            return affineNodes(n.name(), x, s, m, n.config().invert());
        }
        throw new IllegalArgumentException("ONNX export does not cover " + l + " yet.");
    }

    /**
     * Keras' ReLU layer: {@code where(x > t, min(x, max), 0) + slope * min(x - t, 0)}, or ONNX's Relu
     * where it has neither ceiling, threshold nor slope.
     */
    private String relu(ReLU r, String x) {
        ReLU.Config c = r.config();
        String owner = r.name();
        if (c.maxValue() == null && c.threshold() == 0 && c.negativeSlope() == 0) {
            return activation("relu", x, owner);
        }
        String zero = initializer(owner + "/zero", new float[] {0f}, new int[0]);
        String t = initializer(owner + "/threshold", new float[] {(float) c.threshold()}, new int[0]);
        String slope = initializer(owner + "/negative_slope", new float[] {(float) c.negativeSlope()}, new int[0]);
        String capped = x;
        if (c.maxValue() != null) {
            String max = initializer(owner + "/max_value", new float[] {(float) (double) c.maxValue()}, new int[0]);
            capped = next(owner);
            graph.addNode(node("Min", new String[] {x, max}, capped));
        }
        String above = next(owner);
        String positive = next(owner);
        String shifted = next(owner);
        String below = next(owner);
        String negative = next(owner);
        String y = next(owner);
        graph.addNode(node("Greater", new String[] {x, t}, above));
        graph.addNode(node("Where", new String[] {above, capped, zero}, positive));
        graph.addNode(node("Sub", new String[] {x, t}, shifted));
        graph.addNode(node("Min", new String[] {shifted, zero}, below));
        graph.addNode(node("Mul", new String[] {below, slope}, negative));
        graph.addNode(node("Add", new String[] {positive, negative}, y));
        return y;
    }

    /**
     * Keras' {@code rms_scaling}: {@code x / sqrt(var(x) + epsilon) * gamma} over the last axis, a row
     * not centered, which ONNX's LayerNormalization cannot express.
     */
    private String rmsScaling(LayerNormalization ln, String x, String gamma) {
        String owner = ln.name();
        String mean = next(owner);
        String centered = next(owner);
        graph.addNode(node("ReduceMean", new String[] {x}, mean).addAttribute(lastAxis()));
        graph.addNode(node("Sub", new String[] {x, mean}, centered));
        return scaledByRootMeanSquare(owner, x, centered, ln.config().epsilon(), gamma);
    }

    /** RMSNormalization: {@code x / sqrt(mean(x²) + epsilon) * scale} over the last axis. */
    private String rmsNormalization(RMSNormalization r, String x) {
        Parameter scale = find(r, "scale");
        String s = initializer(r.name() + "/scale", scale.value().data(), scale.value().shape().dims());
        return scaledByRootMeanSquare(r.name(), x, x, r.config().epsilon(), s);
    }

    /** {@code x / sqrt(mean(v²) + epsilon) * scale}, the mean over the last axis. */
    private String scaledByRootMeanSquare(String owner, String x, String v, double epsilon, String scale) {
        String eps = initializer(owner + "/epsilon", new float[] {(float) epsilon}, new int[0]);
        String squares = next(owner);
        String mean = next(owner);
        String shifted = next(owner);
        String rms = next(owner);
        String scaled = next(owner);
        String y = next(owner);
        graph.addNode(node("Mul", new String[] {v, v}, squares));
        graph.addNode(node("ReduceMean", new String[] {squares}, mean).addAttribute(lastAxis()));
        graph.addNode(node("Add", new String[] {mean, eps}, shifted));
        graph.addNode(node("Sqrt", new String[] {shifted}, rms));
        graph.addNode(node("Div", new String[] {x, rms}, scaled));
        graph.addNode(node("Mul", new String[] {scaled, scale}, y));
        return y;
    }

    /** UnitNormalization: {@code x * min(1 / sqrt(sum(x²)), 1e12)} over the last axis. */
    private String unitNormalization(UnitNormalization u, String x) {
        String owner = u.name();
        String bound = initializer(owner + "/max_inverse_norm", new float[] {1e12f}, new int[0]);
        String sum = next(owner);
        String norm = next(owner);
        String inverse = next(owner);
        String bounded = next(owner);
        String y = next(owner);
        graph.addNode(node("ReduceSumSquare", new String[] {x}, sum).addAttribute(lastAxis()));
        graph.addNode(node("Sqrt", new String[] {sum}, norm));
        graph.addNode(node("Reciprocal", new String[] {norm}, inverse));
        graph.addNode(node("Min", new String[] {inverse, bound}, bounded));
        graph.addNode(node("Mul", new String[] {x, bounded}, y));
        return y;
    }

    /** {@code axes=[-1]} for ReduceMean and ReduceSumSquare (an attribute up to opset 17), keeping the axis. */
    private static Onnx.AttributeProto lastAxis() {
        return Onnx.AttributeProto.newBuilder().setName("axes").setType(Onnx.AttributeProto.AttributeType.INTS)
                .addInts(-1).build();
    }

    private static Parameter find(Layer l, String name) {
        for (Parameter p : l.weights()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private String activation(String name, String x, String owner) {
        String y = next(owner);
        switch (name) {
            case "linear" -> {
                return x;
            }
            case "relu" -> graph.addNode(node("Relu", new String[] {x}, y));
            case "sigmoid" -> graph.addNode(node("Sigmoid", new String[] {x}, y));
            case "tanh" -> graph.addNode(node("Tanh", new String[] {x}, y));
            case "softmax" -> graph.addNode(node("Softmax", new String[] {x}, y).addAttribute(intAttr("axis", -1)));
            case "softplus" -> graph.addNode(node("Softplus", new String[] {x}, y));
            case "softsign" -> graph.addNode(node("Softsign", new String[] {x}, y));
            case "exponential" -> graph.addNode(node("Exp", new String[] {x}, y));
            case "elu" -> graph.addNode(node("Elu", new String[] {x}, y).addAttribute(floatAttr("alpha", 1f)));
            case "selu" -> graph.addNode(node("Selu", new String[] {x}, y)
                    .addAttribute(floatAttr("alpha", (float) dev.lamina.activations.Activations.SELU_ALPHA))
                    .addAttribute(floatAttr("gamma", (float) dev.lamina.activations.Activations.SELU_SCALE)));
            case "leaky_relu" -> graph.addNode(node("LeakyRelu", new String[] {x}, y)
                    .addAttribute(floatAttr("alpha", (float) dev.lamina.activations.Activations.LEAKY_RELU_SLOPE)));
            case "hard_sigmoid" -> graph.addNode(node("HardSigmoid", new String[] {x}, y)
                    .addAttribute(floatAttr("alpha", 1f / 6)).addAttribute(floatAttr("beta", 0.5f)));
            case "silu", "swish" -> {
                String s = next(owner);
                graph.addNode(node("Sigmoid", new String[] {x}, s));
                graph.addNode(node("Mul", new String[] {x, s}, y));
            }
            case "gelu" -> {
                // 0.5 x (1 + erf(x / sqrt 2)): opset 17 has Erf but no Gelu.
                String r2 = initializer(owner + "/sqrt2", new float[] {(float) Math.sqrt(2)}, new int[0]);
                String one = initializer(owner + "/one", new float[] {1f}, new int[0]);
                String half = initializer(owner + "/half", new float[] {0.5f}, new int[0]);
                String d = next(owner);
                String e = next(owner);
                String a = next(owner);
                String m = next(owner);
                graph.addNode(node("Div", new String[] {x, r2}, d));
                graph.addNode(node("Erf", new String[] {d}, e));
                graph.addNode(node("Add", new String[] {e, one}, a));
                graph.addNode(node("Mul", new String[] {x, a}, m));
                graph.addNode(node("Mul", new String[] {m, half}, y));
            }
            default -> throw new IllegalArgumentException("ONNX export does not cover the activation '" + name + "'.");
        }
        return y;
    }

    String next(String owner) {
        return owner + "/out_" + counter++;
    }

    String initializer(String name, float[] values, int[] dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(b.array()));
        for (int d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    static Onnx.NodeProto.Builder node(String op, String[] inputs, String output) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op).addOutput(output).setName(output + "_" + op);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n;
    }

    private static Onnx.AttributeProto floatAttr(String name, float v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(v)
                .build();
    }

    static Onnx.AttributeProto intAttr(String name, long v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(v)
                .build();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, int features) {
        Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(features)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }
}
