package dev.lamina.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.Backends;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each JMH benchmark sets up and runs one operation with a plausible result (so they do not rot). */
class BenchmarksRunTest {
    @AfterEach
    void restoreBackend() {
        Backends.use(JavaBackend.INSTANCE);
    }

    @Test
    void gemmComputesTheProductOnBothBackends() {
        for (String backend : new String[] {"java", "openblas"}) {
            GemmBenchmark b = new GemmBenchmark();
            b.shape = "NT 3x5x4";
            b.backend = backend;
            b.threads = 1;
            b.setup();
            float[] c = b.gemm();
            assertEquals(12, c.length);
            assertTrue(Float.isFinite(c[0]) && c[0] != 0f, backend);
        }
    }

    @Test
    void layersRunForwardAndBackward() {
        for (String layer : new String[] {"batch_normalization", "dropout", "dense_relu"}) {
            LayerBenchmark b = new LayerBenchmark();
            b.layer = layer;
            b.threads = 2;
            b.setup();
            Tensor dx = b.forwardBackward();
            assertEquals(256, dx.rows(), layer);
            assertEquals(1024, dx.cols(), layer);
        }
    }

    @Test
    void optimizersStepAndTheW1StepGivesAFiniteLoss() {
        assertEquals(1, adam("live").step().iterations());
        assertEquals(902, adam("dead").step().iterations());
        TrainStepBenchmark t = new TrainStepBenchmark();
        t.threads = 2;
        t.setup();
        assertTrue(Double.isFinite(t.step()));
    }

    private static OptimizerBenchmark adam(String gradients) {
        OptimizerBenchmark o = new OptimizerBenchmark();
        o.optimizer = "adam";
        o.threads = 2;
        o.gradients = gradients;
        o.setup();
        return o;
    }
}
