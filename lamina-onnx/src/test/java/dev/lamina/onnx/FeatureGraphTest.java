package dev.lamina.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.lamina.data.CategoricalColumn;
import dev.lamina.data.ColumnSpec;
import dev.lamina.data.CsvReader;
import dev.lamina.data.EncodeReport;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.NumericColumn;
import dev.lamina.data.StandardScaler;
import dev.lamina.data.Table;
import dev.lamina.data.Tables;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An exported model with its feature spec takes raw rows in ONNX Runtime (strings, missing values
 * and categories training never saw included) and predicts what Lamina predicts.
 */
class FeatureGraphTest {
    private static Table titanic() throws Exception {
        try (InputStream in = FeatureGraphTest.class.getResourceAsStream("/datasets/titanic/titanic.csv")) {
            return CsvReader.read("titanic.csv", in);
        }
    }

    private static Table rows(Table t, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return t.select(idx);
    }

    /** The columns of {@code t} as ONNX Runtime inputs: floats with NaN for missing, trimmed strings. */
    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, FeatureSpec spec, Table t) throws Exception {
        Map<String, OnnxTensor> in = new HashMap<>();
        int n = t.rows().size();
        for (ColumnSpec c : spec.columns()) {
            int j = t.column(c.name());
            if (c instanceof NumericColumn) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    String cell = t.rows().get(i)[j];
                    v[i] = Tables.isMissing(cell) ? Float.NaN : Float.parseFloat(cell.trim());
                }
                in.put(c.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(v), new long[] {n, 1}));
            } else if (c instanceof CategoricalColumn) {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = t.rows().get(i)[j].trim();
                }
                in.put(c.name(), OnnxTensor.createTensor(env, v, new long[] {n, 1}));
            }
        }
        return in;
    }

    private static void assertSame(Sequential m, FeatureSpec spec, Table test) throws Exception {
        Tensor expected = m.predict(test, new EncodeReport());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = inputs(env, spec, test);
        try (OrtSession s = env.createSession(OnnxExport.toBytes(m), new OrtSession.SessionOptions());
             OrtSession.Result r = s.run(in)) {
            float[][] y = (float[][]) r.get(0).getValue();
            assertEquals(expected.rows(), y.length);
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y[i].length; j++) {
                    assertEquals(expected.get(i, j), y[i][j], 1e-5, "row " + i);
                }
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Test
    void aTitanicModelPredictsFromRawRowsInOnnxRuntime() throws Exception {
        Table all = titanic();
        Table train = rows(all, 0, 1000);
        FeatureSpec spec = FeatureSpec.infer(train, List.of("survived", "boat", "body"))
                .with(CategoricalColumn.of("embarked").output("one_hot"))
                .with(NumericColumn.of("age").indicator(true)).with(NumericColumn.of("fare").indicator(true))
                .adapt(train);
        Sequential m = Sequential.of(Input.of(spec.outputNames().size()), Dense.of(16, "relu"), Dropout.of(0.2),
                Dense.of(1, "sigmoid")).seed(2);
        m.compile("adam", "binary_crossentropy", "accuracy");
        m.setPreprocessing(Preprocessing.of(spec, List.of("survived"), null));
        m.fit(train, FitOptions.defaults().epochs(3).verbose(0));
        Table test = rows(all, 1000, all.rows().size());
        assertSame(m, spec, test);
        // New categories and holes, in cells Lamina trims and ONNX Runtime gets trimmed.
        List<String[]> odd = List.of(
                new String[] {"3", "0", "A, Mr. B", "male", "", "0", "0", "1", "", "", "Z", "", "", ""},
                new String[] {"7", "1", "C, Mrs. D", "other", "NA", "9", "9", "2", "?", "", "", "", "", ""});
        Table strange = new Table("odd.csv", all.columns(), odd, List.of(2L, 3L));
        EncodeReport report = new EncodeReport();
        m.predict(strange, report);
        assertTrue(report.unseen().containsKey("embarked") && report.unseen().containsKey("pclass"), report.lines()
                .toString());
        assertSame(m, spec, strange);
    }

    @Test
    void indexColumnsThroughAnEmbeddingRunInOnnxRuntime() throws Exception {
        Table all = titanic();
        Table train = rows(all, 0, 1000);
        FeatureSpec spec = new FeatureSpec(List.of(CategoricalColumn.of("pclass").output("index"),
                CategoricalColumn.of("sex").output("index"), CategoricalColumn.of("embarked").output("index")))
                .adapt(train);
        int indices = 0;
        for (ColumnSpec c : spec.columns()) {
            indices = Math.max(indices, ((CategoricalColumn) c).indices());
        }
        Sequential m = Sequential.of(Input.of(3), dev.lamina.layers.core.Embedding.of(indices, 4),
                dev.lamina.layers.core.Flatten.of(), Dense.of(1, "sigmoid")).seed(4);
        m.compile("adam", "binary_crossentropy");
        m.setPreprocessing(Preprocessing.of(spec, List.of("survived"), null));
        m.fit(train, FitOptions.defaults().epochs(2).verbose(0));
        assertSame(m, spec, rows(all, 1000, all.rows().size()));
    }

    @Test
    void scalersTravelInTheGraphToo() throws Exception {
        Sequential m = Sequential.of(Input.of(3), Dense.of(4, "tanh"), Dense.of(1)).seed(3);
        m.compile("sgd", "mse");
        float[][] raw = {{100, 2, -5}, {300, 4, 5}, {200, 3, 0}, {250, 1, 1}};
        StandardScaler fs = new StandardScaler();
        fs.fit(Tensor.of(raw));
        StandardScaler ts = new StandardScaler();
        ts.fit(Tensor.of(new float[][] {{1000}, {2000}, {1500}, {1200}}));
        m.setPreprocessing(new Preprocessing(List.of("a", "b", "c"), List.of("y"), fs, ts));
        Tensor expected = m.predict(Tensor.of(raw));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(OnnxExport.toBytes(m), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, raw);
             OrtSession.Result r = s.run(Map.of("input", in))) {
            float[][] y = (float[][]) r.get(0).getValue();
            for (int i = 0; i < y.length; i++) {
                assertEquals(expected.get(i, 0), y[i][0], 1e-5 * Math.abs(expected.get(i, 0)), "row " + i);
            }
        }
    }
}
