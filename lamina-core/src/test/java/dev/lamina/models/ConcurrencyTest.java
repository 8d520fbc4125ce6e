package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loaded model shared by 16 threads predicting 1,000 times each gives the single-threaded results. */
class ConcurrencyTest {
    @Test
    void sixteenThreadsPredictBitIdentically(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(6), Dense.of(32, "relu"), Dropout.of(0.2), BatchNormalization.of(),
                Dense.of(3)).seed(4);
        m.compile("adam", "mse");
        m.fit(GradientCheck.input(64, 6, 1, 0), GradientCheck.input(64, 3, 2, 0), FitOptions.defaults().verbose(0));
        m.save(dir.resolve("m.lamina"));
        Sequential loaded = Sequential.load(dir.resolve("m.lamina"));
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Tensor x = GradientCheck.input(1 + i * 3, 6, 100 + i, 0);
            inputs.add(x);
            expected.add(loaded.predict(x).data());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 1000; k++) {
                        int i = (thread + k) % 16;
                        assertArrayEquals(expected.get(i), loaded.predict(inputs.get(i)).data());
                    }
                    return 1000;
                }));
            }
            int calls = 0;
            for (Future<Integer> f : results) {
                calls += f.get();
            }
            assertEquals(16_000, calls);
        } finally {
            pool.shutdownNow();
        }
        Sequential copy = loaded.copy();
        assertArrayEquals(expected.get(5), copy.predict(inputs.get(5)).data());
    }

    @Test
    void predictionsSeeTheWeightsAsTheyAreNow() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(8, "relu"), BatchNormalization.of(), Dense.of(2)).seed(3);
        m.compile("adam", "mse");
        Tensor x = GradientCheck.input(5, 3, 9, 0);
        float[] before = m.predict(x).data();
        // Replicas share the model's weight tensors: a write into one is seen at once, as by a copy made now.
        m.weights().get(0).value().data()[0] += 1f;
        m.weights().get(4).value().data()[1] = 3f; // BatchNormalization's moving mean
        float[] after = m.predict(x).data();
        assertArrayEquals(m.copy().predict(x).data(), after);
        assertEquals(false, java.util.Arrays.equals(before, after));
        m.fit(x, GradientCheck.input(5, 2, 10, 0), FitOptions.defaults().epochs(2).verbose(0));
        assertArrayEquals(m.copy().predict(x).data(), m.predict(x).data());
    }

    @Test
    void predictingWhileAnotherThreadFitsIsSafe() throws Exception {
        Sequential m = Sequential.of(Input.of(4), Dense.of(16, "relu"), BatchNormalization.of(), Dense.of(1)).seed(2);
        m.compile("adam", "mse");
        Tensor x = GradientCheck.input(256, 4, 1, 0);
        Tensor y = GradientCheck.input(256, 1, 2, 0);
        m.weights();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> fit = pool.submit(() -> m.fit(x, y, FitOptions.defaults().epochs(20).verbose(0)));
            Future<Integer> predicts = pool.submit(() -> {
                int n = 0;
                while (!fit.isDone()) {
                    for (float v : m.predict(x).data()) {
                        if (!Float.isFinite(v)) {
                            throw new AssertionError("non-finite prediction during fit");
                        }
                    }
                    n++;
                }
                return n;
            });
            fit.get();
            predicts.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
