package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.data.Batch;
import dev.lamina.data.DataSource;
import dev.lamina.data.MinMaxScaler;
import dev.lamina.data.StandardScaler;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code fit}, {@code evaluate} and {@code predict} on a {@link DataSource} give the bits the tensor
 * calls give for the same rows in the same order: in-memory sources, the user's own batches,
 * validation from a source, raw rows through the model's preprocessing.
 */
class DataSourceFitTest {
    private static Tensor[] data(int rows) {
        RandomStream r = new RandomStream(4, 0);
        float[] x = new float[rows * 3];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) (r.nextGaussian() * (j + 1) + j * 10);
            }
            y[i] = (float) (x[i * 3] - 0.2 * x[i * 3 + 1] + 0.1 * r.nextGaussian() + 50);
        }
        return new Tensor[] {Tensor.wrap(x, rows, 3), Tensor.wrap(y, rows, 1)};
    }

    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(16, "relu"), BatchNormalization.of(), Dropout.of(0.2),
                Dense.of(1)).seed(11);
        m.compile(new Adam(), Losses.get("mse"), "mae");
        return m;
    }

    private static void assertSameWeights(Sequential a, Sequential b) {
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertArrayEquals(a.getWeights().get(i), b.getWeights().get(i), "weight " + i);
        }
    }

    @Test
    void aSourceOfTensorsTrainsAsTheTensorsDo() {
        Tensor[] d = data(301);
        Tensor[] v = data(90);
        FitOptions o = FitOptions.defaults().epochs(3).batchSize(32).verbose(0).seed(2);
        Sequential a = model();
        Sequential b = model();
        Map<String, List<Double>> ha = a.fit(d[0], d[1], o.validationData(v[0], v[1])).history();
        Map<String, List<Double>> hb = b.fit(DataSource.of(d[0], d[1]), o.validationData(DataSource.of(v[0], v[1])))
                .history();
        assertEquals(ha, hb);
        assertSameWeights(a, b);
        assertEquals(a.evaluate(v[0], v[1], 16), b.evaluate(DataSource.of(v[0], v[1]), 16));
        assertArrayEquals(a.predict(v[0], 16).data(), b.predict(DataSource.of(v[0], null), 16).data());
    }

    @Test
    void theUsersOwnBatchesTrainAsTheSameBatchesInOrder() {
        Tensor[] d = data(256);
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < 256; start += 64) {
            batches.add(new Batch(rows(d[0], start, 64), rows(d[1], start, 64)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FitOptions o = FitOptions.defaults().epochs(2).batchSize(64).shuffle(false).verbose(2)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8));
        Sequential a = model();
        Sequential b = model();
        a.fit(d[0], d[1], o.verbose(0));
        b.fit(DataSource.ofBatches(batches), o);
        assertSameWeights(a, b);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("4/4 - "), "the first epoch counts the steps it did not know: " + text);
    }

    @Test
    void rawRowsFromASourceGoThroughTheModelsPreprocessing() {
        Tensor[] d = data(200);
        StandardScaler fs = new StandardScaler();
        fs.fit(d[0]);
        MinMaxScaler ts = new MinMaxScaler();
        ts.fit(d[1]);
        Preprocessing p = new Preprocessing(List.of("a", "b", "c"), List.of("t"), fs, ts);
        FitOptions o = FitOptions.defaults().epochs(2).batchSize(32).verbose(0);
        Sequential a = model();
        a.setPreprocessing(p);
        Sequential b = model();
        b.setPreprocessing(p);
        Map<String, List<Double>> ha = a.fit(d[0], d[1], o.validationData(d[0], d[1])).history();
        Map<String, List<Double>> hb = b.fit(DataSource.of(d[0], d[1]), o.validationData(DataSource.of(d[0], d[1])))
                .history();
        assertEquals(ha, hb);
        assertSameWeights(a, b);
        assertEquals(a.evaluate(d[0], d[1], 32), b.evaluate(DataSource.of(d[0], d[1]), 32));
        assertArrayEquals(a.predict(d[0], 32).data(), b.predict(DataSource.of(d[0], null), 32).data());
    }

    @Test
    void mistakesAreNamed() {
        Tensor[] d = data(50);
        Sequential m = model();
        var e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(DataSource.of(d[0], d[1]), FitOptions.defaults().validationSplit(0.2).verbose(0)));
        assertTrue(e.getMessage().contains("validationData"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(DataSource.of(d[0], null), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("targets"), e.getMessage());
        Tensor wide = Tensor.zeros(5, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(DataSource.of(wide, Tensor.zeros(5, 1)), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("(None, 3)"), e.getMessage());
        List<Batch> ragged = List.of(new Batch(Tensor.zeros(4, 3), Tensor.zeros(4, 1)),
                new Batch(Tensor.zeros(4, 2), Tensor.zeros(4, 1)));
        e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(DataSource.ofBatches(ragged), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("Batch 1"), e.getMessage());
    }

    private static Tensor rows(Tensor t, int start, int count) {
        float[] out = new float[count * t.cols()];
        System.arraycopy(t.data(), start * t.cols(), out, 0, out.length);
        return Tensor.wrap(out, count, t.cols());
    }
}
