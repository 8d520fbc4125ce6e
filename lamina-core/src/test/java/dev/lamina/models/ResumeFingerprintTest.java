package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.CsvLogger;
import dev.lamina.callbacks.History;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup resumes only the run that wrote it: another data set, learning rate, batch size, seed
 * or architecture is refused by name, with nothing restored; the same run resumes, and its History
 * and CSV log end identical, byte for byte, to an uninterrupted run's.
 */
class ResumeFingerprintTest {
    private static final Tensor X = GradientCheck.input(120, 4, 1, 0);
    private static final Tensor Y = GradientCheck.input(120, 1, 2, 0);

    private static Sequential model(boolean dropout, double learningRate, long seed) {
        Sequential m = new Sequential();
        m.add(Input.of(4));
        m.add(Dense.of(12, "relu"));
        if (dropout) {
            m.add(Dropout.of(0.2));
        }
        m.add(BatchNormalization.of());
        m.add(Dense.of(1));
        m.seed(seed);
        m.compile(Adam.of(learningRate), Losses.get("mae"));
        return m;
    }

    private static Sequential model() {
        return model(true, 0.001, 3);
    }

    private static FitOptions options(Path backup, Path log, int batch, Callback... more) {
        Callback[] all = new Callback[more.length + 1];
        all[0] = new CsvLogger(log);
        System.arraycopy(more, 0, all, 1, more.length);
        return FitOptions.defaults().epochs(5).batchSize(batch).validationSplit(0.25).verbose(0)
                .backupAndRestore(backup, 1).callbacks(all);
    }

    /** Interrupts the run after step 2 of epoch 4, as a kill would (the CSV log has three rows by then). */
    private static void interrupted(Path backup, Path log) {
        assertThrows(ResumeTest.Crash.class, () -> model().fit(X, Y, options(backup, log, 16,
                ResumeTest.crashAt(3, 1))));
        assertTrue(Files.exists(backup.resolve("backup.lamina")));
    }

    private static void refused(Path dir, String name, Supplier<Sequential> model, Tensor y, int batch,
                                String difference) throws Exception {
        Path backup = dir.resolve(name);
        Path log = dir.resolve(name + ".csv");
        interrupted(backup, log);
        byte[] before = Files.readAllBytes(backup.resolve("backup.lamina"));
        Sequential other = model.get();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> other.fit(X, y, options(backup, log, batch)));
        assertTrue(e.getMessage().contains("belongs to another run") && e.getMessage().contains(difference),
                name + ": " + e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(backup.resolve("backup.lamina")), "the backup is kept");
    }

    @Test
    void anotherRunIsRefusedNamingWhatDiffers(@TempDir Path dir) throws Exception {
        Tensor otherY = Y.copy();
        otherY.data()[7] += 1;
        refused(dir, "data", ResumeFingerprintTest::model, otherY, 16, "training data (backup: 90 rows");
        refused(dir, "rate", () -> model(true, 0.01, 3), Y, 16, "optimizer (backup: Adam {");
        refused(dir, "batch", ResumeFingerprintTest::model, Y, 32, "batch size (backup: 16; this run: 32)");
        refused(dir, "seed", () -> model(true, 0.001, 4), Y, 16, "seed (backup: 3; this run: 4)");
        refused(dir, "dropout", () -> model(false, 0.001, 3), Y, 16,
                "layers (backup: Dense, Dropout, BatchNormalization, Dense; this run: Dense, BatchNormalization, Dense)");
    }

    @Test
    void theSameRunResumesAndItsLogsEndAsAnUninterruptedRunsDo(@TempDir Path dir) throws Exception {
        Path straightLog = dir.resolve("straight.csv");
        History straight = model().fit(X, Y, options(dir.resolve("straight"), straightLog, 16));
        Path backup = dir.resolve("resumed");
        Path log = dir.resolve("resumed.csv");
        interrupted(backup, log);
        History resumed = model().fit(X, Y, options(backup, log, 16));
        assertEquals(straight.history(), resumed.history());
        assertEquals(6, Files.readAllLines(log).size(), "a header and five epochs");
        assertArrayEquals(Files.readAllBytes(straightLog), Files.readAllBytes(log));
        assertFalse(Files.exists(backup), "the backup folder is removed when the run is done");
    }
}
