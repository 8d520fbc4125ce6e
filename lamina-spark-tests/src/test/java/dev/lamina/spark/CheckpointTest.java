package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.models.Sequential;
import dev.lamina.spark.SparkTests.Example;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fit that dies goes on from its checkpoint to the bits of a fit that did not. */
class CheckpointTest {
    private static LaminaRegressor estimator(String strategy) {
        return new LaminaRegressor().setLayers("dense(12, relu) dropout(0.2) batchnorm dense(1)").setEpochs(3)
                .setBatchSize(32).setNumWorkers(2).setSeed(13).setStrategy(strategy).setSyncInterval(2)
                .setValidationFraction(0.2).setEarlyStoppingPatience(5);
    }

    private static void assertSameWeights(Sequential expected, Sequential actual) {
        for (int i = 0; i < expected.getWeights().size(); i++) {
            assertArrayEquals(expected.getWeights().get(i), actual.getWeights().get(i),
                    expected.weights().get(i).path());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "local_sgd"})
    void aFitKilledMidEpochGoesOnToTheSameBits(String strategy, @TempDir Path dir) {
        List<Example> rows = SparkTests.regression(260, 4, 31);
        Dataset<Row> data = SparkTests.frame(rows, 2);
        AtomicInteger cleanTasks = new AtomicInteger();
        StepTasks.beforeTask = p -> cleanTasks.incrementAndGet();
        LaminaRegressionModel clean;
        try {
            clean = estimator(strategy).fit(data);
        } finally {
            StepTasks.beforeTask = p -> { };
        }

        String checkpoints = dir.resolve("checkpoints").toString();
        AtomicInteger tasks = new AtomicInteger();
        // From its 9th task on, partition 0 fails every attempt: the job, then the fit, fails mid-epoch.
        StepTasks.beforeTask = p -> {
            if (p == 0 && tasks.incrementAndGet() >= 9) {
                throw new IllegalStateException("the machine went away");
            }
        };
        try {
            assertThrows(Exception.class, () -> estimator(strategy).setCheckpointDir(checkpoints)
                    .setCheckpointInterval(2).fit(data));
        } finally {
            StepTasks.beforeTask = p -> { };
        }
        assertTrue(Files.exists(dir.resolve("checkpoints").resolve(Checkpoint.FILE)));
        AtomicInteger resumedTasks = new AtomicInteger();
        StepTasks.beforeTask = p -> resumedTasks.incrementAndGet();
        LaminaRegressionModel resumed;
        try {
            resumed = estimator(strategy).setCheckpointDir(checkpoints).setCheckpointInterval(2).fit(data);
        } finally {
            StepTasks.beforeTask = p -> { };
        }
        assertTrue(resumedTasks.get() < cleanTasks.get() - 8, "went on from the checkpoint: " + resumedTasks
                + " tasks against " + cleanTasks + " for the whole fit");
        assertSameWeights(clean.laminaModel(), resumed.laminaModel());
        assertEquals(clean.history(), resumed.history());
    }

    @Test
    void anotherRunsCheckpointIsRefused(@TempDir Path dir) {
        Dataset<Row> data = SparkTests.frame(SparkTests.regression(100, 4, 32), 2);
        String checkpoints = dir.resolve("c").toString();
        estimator("sync").setEpochs(1).setCheckpointDir(checkpoints).fit(data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator("sync").setEpochs(1).setSeed(14).setCheckpointDir(checkpoints).fit(data));
        assertTrue(e.getMessage().contains("seed") && e.getMessage().contains("another checkpoint directory"),
                e.getMessage());
    }
}
