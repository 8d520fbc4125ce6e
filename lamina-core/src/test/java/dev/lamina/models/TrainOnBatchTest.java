package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.History;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainOnBatchTest {
    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(5), Dense.of(12, "relu"), BatchNormalization.of(), Dense.of(1)).seed(3);
        m.compile(new Adam(), Losses.get("mae"));
        return m;
    }

    private static Tensor targets(Tensor x) {
        Tensor y = Tensor.zeros(x.rows(), 1);
        for (int i = 0; i < x.rows(); i++) {
            y.set(i, 0, x.get(i, 0) - 2 * x.get(i, 3));
        }
        return y;
    }

    @Test
    void takesTheSameStepsAsFitOverOneBatchPerEpoch() {
        Tensor x = GradientCheck.input(40, 5, 1, 0);
        Tensor y = targets(x);
        Sequential fitted = model();
        History h = fitted.fit(x, y, FitOptions.defaults().epochs(3).batchSize(40).shuffle(false).verbose(0));
        Sequential stepped = model();
        double last = 0;
        for (int i = 0; i < 3; i++) {
            last = stepped.trainOnBatch(x, y);
        }
        assertEquals(h.get("loss").get(2), last, 1e-6);
        List<float[]> a = fitted.getWeights();
        List<float[]> b = stepped.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "weight " + i);
        }
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tensor x = GradientCheck.input(32, 5, 2, 0);
        Tensor y = targets(x);
        Sequential m = model();
        // Enough steps for the JIT to compile the vector loops (interpreted, they allocate).
        for (int i = 0; i < 20_000; i++) {
            m.trainOnBatch(x, y);
        }
        // C2 compiles in the background; in a busy test JVM its queue can lag the warm-up by seconds
        // (vector code still in C1 boxes its vectors), so the steady state is the least of rounds
        // run for up to a minute. Boxing left in C2's code allocates in every round and still fails.
        long id = Thread.currentThread().getId();
        long perStep = Long.MAX_VALUE;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (int round = 0; perStep >= 8 && (round < 30 || System.nanoTime() < deadline); round++) {
            long before = bean.getThreadAllocatedBytes(id);
            for (int i = 0; i < 1000; i++) {
                m.trainOnBatch(x, y);
            }
            perStep = Math.min(perStep, (bean.getThreadAllocatedBytes(id) - before) / 1000);
        }
        assertTrue(perStep < 8, "bytes allocated per trainOnBatch: " + perStep);
    }

    @Test
    void mismatchedRowsAreRefusedWithBothCounts() {
        Tensor x = GradientCheck.input(8, 5, 3, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model().trainOnBatch(x, Tensor.zeros(7, 1)));
        assertTrue(e.getMessage().contains("8 rows but y has 7"), e.getMessage());
    }
}
