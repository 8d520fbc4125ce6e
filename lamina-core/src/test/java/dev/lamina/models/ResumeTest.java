package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.EarlyStopping;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.Logs;
import dev.lamina.callbacks.ReduceLROnPlateau;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train 6 epochs uninterrupted versus interrupted (at an epoch boundary, or in the middle of an
 * epoch) and resumed from the backup: weights, optimizer state, BN statistics and history are
 * bit-identical, for 3 seeds, with Dropout and BatchNormalization in the model.
 */
class ResumeTest {
    private static final Tensor X = GradientCheck.input(150, 5, 1, 0);
    private static final Tensor Y = GradientCheck.input(150, 1, 2, 0);

    /** Thrown by a callback to simulate a crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Sequential model(long seed) {
        Sequential m = Sequential.of(Input.of(5), Dense.of(16, "relu"), Dropout.of(0.3), BatchNormalization.of(),
                Dense.of(8, "tanh"), Dropout.of(0.1), Dense.of(1)).seed(seed);
        m.compile(new Adam(), Losses.get("mae"), "mse", "accuracy");
        return m;
    }

    private static FitOptions options(Path dir, Callback... extra) {
        return FitOptions.defaults().epochs(6).batchSize(32).validationSplit(0.2).verbose(0)
                .backupAndRestore(dir, 2).callbacks(extra);
    }

    private static void assertSameState(Sequential a, Sequential b, History ha, History hb) {
        List<Parameter> pa = a.weights();
        List<Parameter> pb = b.weights();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value().data(), pb.get(i).value().data(), pa.get(i).path());
            float[][] sa = a.optimizer().slots(pa.get(i));
            float[][] sb = b.optimizer().slots(pb.get(i));
            if (sa != null) {
                for (int k = 0; k < sa.length; k++) {
                    assertArrayEquals(sa[k], sb[k], pa.get(i).path() + " slot " + k);
                }
            }
        }
        assertEquals(a.optimizer().iterations(), b.optimizer().iterations());
        assertEquals(ha.history(), hb.history());
        assertEquals(ha.epochs(), hb.epochs());
    }

    /** A callback that crashes the run after step {@code step} of {@code epoch} (-1: at the epoch's end). */
    static Callback crashAt(int epoch, int step) {
        return new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Logs logs) {
                if (step >= 0 && batch == step && current == epoch) {
                    throw new Crash();
                }
            }

            private int current;

            @Override
            public void onEpochBegin(int e) {
                current = e;
            }

            @Override
            public void onEpochEnd(int e, Logs logs) {
                if (step < 0 && e == epoch) {
                    throw new Crash();
                }
            }
        };
    }

    @Test
    void resumedRunsAreBitIdenticalToUninterruptedOnes(@TempDir Path dir) {
        for (long seed = 1; seed <= 3; seed++) {
            Sequential straight = model(seed);
            History h = straight.fit(X, Y, options(dir.resolve("straight" + seed)));
            assertFalse(Files.exists(dir.resolve("straight" + seed).resolve("backup.lamina")), "removed when done");
            // Crash after epoch 3 ends (index 2), and crash mid-epoch (epoch 4, after step 2 of 4).
            for (int[] at : new int[][] {{2, -1}, {3, 2}}) {
                Path b = dir.resolve("crash" + seed + "_" + at[0] + "_" + at[1]);
                Sequential first = model(seed);
                assertThrows(Crash.class, () -> first.fit(X, Y, options(b, crashAt(at[0], at[1]))));
                assertTrue(Files.exists(b.resolve("backup.lamina")));
                Sequential resumed = model(seed);
                History hr = resumed.fit(X, Y, options(b, crashAt(-5, -5)));
                assertSameState(straight, resumed, h, hr);
            }
        }
    }

    @Test
    void callbackStateSurvivesTheInterruption(@TempDir Path dir) {
        Sequential straight = model(7);
        History h = straight.fit(X, Y, options(dir.resolve("s"), new EarlyStopping().patience(2).restoreBestWeights(true),
                new ReduceLROnPlateau().patience(1).factor(0.5)));
        Path b = dir.resolve("c");
        Sequential first = model(7);
        assertThrows(Crash.class, () -> first.fit(X, Y, options(b, new EarlyStopping().patience(2)
                .restoreBestWeights(true), new ReduceLROnPlateau().patience(1).factor(0.5), crashAt(3, 1))));
        Sequential resumed = model(7);
        History hr = resumed.fit(X, Y, options(b, new EarlyStopping().patience(2).restoreBestWeights(true),
                new ReduceLROnPlateau().patience(1).factor(0.5), crashAt(-5, -5)));
        assertSameState(straight, resumed, h, hr);
        assertEquals(straight.optimizer().currentLearningRate(), resumed.optimizer().currentLearningRate());
    }

    @Test
    void aBackupOfAnotherModelIsRefused(@TempDir Path dir) {
        Sequential first = model(1);
        assertThrows(Crash.class, () -> first.fit(X, Y, options(dir, crashAt(1, -1))));
        Sequential other = Sequential.of(Input.of(5), Dense.of(3), Dense.of(1)).seed(1);
        other.compile("adam", "mae", "mse", "accuracy");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.fit(X, Y, options(dir)));
        assertTrue(e.getMessage().contains("belongs to another run") && e.getMessage().contains("layers (backup: Dense,"
                + " Dropout, BatchNormalization, Dense, Dropout, Dense; this run: Dense, Dense)"), e.getMessage());
    }
}
