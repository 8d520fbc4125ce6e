package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.data.Batch;
import dev.lamina.data.BatchPlan;
import dev.lamina.data.Batches;
import dev.lamina.data.DataSource;
import dev.lamina.data.LastBatch;
import dev.lamina.layers.Layer;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Gradients;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import dev.lamina.spark.SparkTests.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A Spark fit against the single-machine training it stands for, bit for bit. */
class DataParallelFitTest {
    private static final String LAYERS = "dense(16, relu) dropout(0.25) batchnorm dense(1)";
    private static final long SEED = 7;

    private static LaminaRegressor estimator(int workers, String strategy) {
        return new LaminaRegressor().setLayers(LAYERS).setEpochs(2).setBatchSize(32).setNumWorkers(workers)
                .setSeed(SEED).setStrategy(strategy).setSyncInterval(3).setWeightCol("weight");
    }

    private static void assertSameWeights(Sequential expected, Sequential actual) {
        List<float[]> e = expected.getWeights();
        List<float[]> a = actual.getWeights();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(e.get(i), a.get(i), expected.weights().get(i).path());
        }
    }

    private static Sequential singleMachine(List<Example> rows) {
        Sequential m = SparkTests.model(LAYERS, SEED, 4, "adam", "mse");
        m.fit(SparkTests.source(SparkTests.ordered(rows, SEED, true), true),
                FitOptions.defaults().epochs(2).batchSize(32).verbose(0));
        return m;
    }

    @Test
    void oneWorkerIsSequentialFitOnTheRowsInKeyOrder() {
        List<Example> rows = SparkTests.regression(203, 4, 1);
        Sequential spark = estimator(1, "sync").fit(SparkTests.frame(rows, 3)).laminaModel();
        assertSameWeights(singleMachine(rows), spark);
    }

    @Test
    void oneWorkerWithLocalSgdIsSequentialFitToo() {
        List<Example> rows = SparkTests.regression(203, 4, 1);
        Sequential spark = estimator(1, "local_sgd").fit(SparkTests.frame(rows, 2)).laminaModel();
        assertSameWeights(singleMachine(rows), spark);
    }

    @Test
    void twoSynchronousWorkersAreOneModelTrainingOnGhostBatches() throws Exception {
        List<Example> rows = SparkTests.regression(203, 4, 2);
        Sequential spark = estimator(2, "sync").fit(SparkTests.frame(rows, 3)).laminaModel();

        // The same training on one machine: each step, two copies of the model take a ghost batch of 16
        // rows each (worker p's rows in key order), their gradients are added by rows, applied once.
        List<Example> ordered = SparkTests.ordered(rows, SEED, true);
        Sequential model = SparkTests.model(LAYERS, SEED, 4, "adam", "mse");
        List<Sequential> replicas = List.of(ModelFiles.copy(model), ModelFiles.copy(model));
        List<DataSource> sources = List.of(SparkTests.source(SparkTests.worker(ordered, 0, 2), true),
                SparkTests.source(SparkTests.worker(ordered, 1, 2), true));
        long[] sizes = {sources.get(0).rows(), sources.get(1).rows()};
        Gradients sum = model.newGradients();
        for (int epoch = 0; epoch < 2; epoch++) {
            BatchPlan plan = new BatchPlan(16, true, SEED, epoch, LastBatch.KEEP);
            long steps = Math.max(plan.steps(sizes[0]), plan.steps(sizes[1]));
            List<Batches> passes = List.of(sources.get(0).batches(plan), sources.get(1).batches(plan));
            for (long step = 0; step < steps; step++) {
                int[] here = new int[2];
                for (int p = 0; p < 2; p++) {
                    here[p] = step < plan.steps(sizes[p]) ? plan.rowsOfStep(step, sizes[p]) : 0;
                }
                sum.clear();
                for (int p = 0; p < 2; p++) {
                    if (here[p] == 0) {
                        continue;
                    }
                    Sequential r = replicas.get(p);
                    r.setWeights(model.getWeights());
                    for (int l = 0; l < model.layers().size(); l++) {
                        Layer from = model.layers().get(l);
                        if (from.trainingPasses() >= 0) {
                            r.layers().get(l).restoreTrainingPasses(from.trainingPasses());
                        }
                    }
                    Batch b = passes.get(p).next();
                    Gradients g = r.computeGradients(b, p == 0 ? 0 : here[0], r.newGradients());
                    if (here[p] != here[0] + here[1]) {
                        g.scale((double) here[p] / (here[0] + here[1]));
                    }
                    sum.add(g);
                }
                model.applyGradients(sum);
            }
        }
        assertSameWeights(model, spark);
    }

    @Test
    void broadcastsAndTaskResultsGiveTheBitsOfTheInMemoryHandoff() {
        // Local mode hands the state over in memory; a cluster broadcasts it and returns task results.
        List<Example> rows = SparkTests.regression(150, 4, 5);
        Sequential inMemory = estimator(2, "local_sgd").setValidationFraction(0.2).fit(SparkTests.frame(rows, 2))
                .laminaModel();
        Sequential sync = estimator(2, "sync").fit(SparkTests.frame(rows, 2)).laminaModel();
        Handoff.inLocalMode = false;
        try {
            assertSameWeights(inMemory, estimator(2, "local_sgd").setValidationFraction(0.2)
                    .fit(SparkTests.frame(rows, 2)).laminaModel());
            assertSameWeights(sync, estimator(2, "sync").fit(SparkTests.frame(rows, 2)).laminaModel());
        } finally {
            Handoff.inLocalMode = true;
        }
    }

    @Test
    void theInputsPartitioningDoesNotMatter() {
        List<Example> rows = SparkTests.regression(150, 4, 3);
        Sequential a = estimator(2, "local_sgd").fit(SparkTests.frame(rows, 1)).laminaModel();
        Sequential b = estimator(2, "local_sgd").fit(SparkTests.frame(rows, 5)).laminaModel();
        assertSameWeights(a, b);
    }

    @Test
    void aTaskThatFailsOnceLeavesTheSameWeights() {
        List<Example> rows = SparkTests.regression(150, 4, 4);
        Sequential clean = estimator(2, "sync").fit(SparkTests.frame(rows, 2)).laminaModel();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger tasks = new AtomicInteger();
        StepTasks.beforeTask = p -> {
            // The fifth task of partition 0 fails, once; Spark retries it.
            if (p == 0 && tasks.incrementAndGet() == 5 && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("a task lost on purpose");
            }
        };
        try {
            Sequential retried = estimator(2, "sync").fit(SparkTests.frame(rows, 2)).laminaModel();
            assertEquals(1, failures.get(), "the hook failed a task");
            assertSameWeights(clean, retried);
        } finally {
            StepTasks.beforeTask = p -> { };
        }
    }

    @Test
    void aLocalSgdTaskThatFailsAfterSteppingIsRetriedFromAFreshReplica() {
        // The first round's failed attempt leaves its replica stepped (weights, Adam's moments); the retry
        // must start from the broadcast state alone.
        List<Example> rows = SparkTests.regression(150, 4, 6);
        Sequential clean = estimator(2, "local_sgd").fit(SparkTests.frame(rows, 2)).laminaModel();
        AtomicInteger failures = new AtomicInteger();
        StepTasks.afterWork = p -> {
            if (p == 0 && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("a task lost after its steps, on purpose");
            }
        };
        try {
            Sequential retried = estimator(2, "local_sgd").fit(SparkTests.frame(rows, 2)).laminaModel();
            assertTrue(failures.get() > 1, "the hook failed a task");
            assertSameWeights(clean, retried);
        } finally {
            StepTasks.afterWork = p -> { };
        }
    }

    @Test
    void pooledBatchNormVarianceIsTheVarianceOfAllRows() {
        // Three workers' BatchNormalization statistics of groups with different means, merged as local SGD does.
        java.util.Random r = new java.util.Random(5);
        int[] sizes = {300, 120, 580};
        double[] shift = {-3, 0.5, 7};
        Sequential model = SparkTests.model("batchnorm dense(1)", 1, 1, "adam", "mse");
        dev.lamina.layers.normalization.BatchNormalization bn =
                (dev.lamina.layers.normalization.BatchNormalization) model.layers().get(0);
        List<byte[]> states = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int p = 0; p < sizes.length; p++) {
            double[] v = new double[sizes[p]];
            for (int i = 0; i < v.length; i++) {
                v[i] = shift[p] + (p + 1) * r.nextGaussian();
                all.add(v[i]);
            }
            double m = java.util.Arrays.stream(v).average().orElseThrow();
            double var = java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow();
            bn.movingMean().value().data()[0] = (float) m;
            bn.trainingState().get(1).value().data()[0] = (float) var;
            states.add(StateCodec.encode(model, true));
        }
        StateCodec.averageInto(states, new double[] {sizes[0], sizes[1], sizes[2]}, model);
        double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double pooled = all.stream().mapToDouble(x -> (x - mean) * (x - mean)).average().orElseThrow();
        float merged = bn.trainingState().get(1).value().data()[0];
        assertTrue(Math.abs(merged - pooled) <= 1e-6 * pooled, merged + " vs " + pooled);
        assertEquals(mean, bn.movingMean().value().data()[0], 1e-6 * Math.abs(mean));
        assertTrue(pooled > 2 * (1 + 4 + 9) / 3.0, "the groups' means differ enough to matter");
    }
}
