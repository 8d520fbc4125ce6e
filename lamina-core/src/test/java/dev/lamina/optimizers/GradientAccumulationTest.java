package dev.lamina.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.losses.Losses;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.schedules.ExponentialDecay;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 3's {@code gradient_accumulation_steps}: k batches of b rows give the weights one batch of
 * k x b rows gives (to float32 rounding, for a model without BatchNormalization), with the update's
 * step count (Adam's bias correction) counting updates and the schedule counting every step.
 */
class GradientAccumulationTest {
    private static final int K = 4;
    private static final int B = 8;

    private static Sequential model(Optimizer optimizer) {
        Sequential m = Sequential.of(Input.of(5), Dense.of(12, "tanh"), Dense.of(3)).seed(21);
        m.compile(optimizer, Losses.get("mse"));
        return m;
    }

    private static Tensor rows(Tensor t, int from, int count) {
        return Tensor.wrap(Arrays.copyOfRange(t.data(), from * t.cols(), (from + count) * t.cols()), count, t.cols());
    }

    private static void assertClose(List<float[]> expected, List<float[]> actual) {
        for (int i = 0; i < expected.size(); i++) {
            for (int j = 0; j < expected.get(i).length; j++) {
                float e = expected.get(i)[j];
                assertEquals(e, actual.get(i)[j], 2e-6 * Math.max(1, Math.abs(e)), "weight " + i + "[" + j + "]");
            }
        }
    }

    private static void sameAsOneLargeBatch(Supplier<Optimizer> optimizer) {
        Tensor x = GradientCheck.input(K * B * 3, 5, 1, 0);
        Tensor y = GradientCheck.input(K * B * 3, 3, 2, 0);
        Sequential large = model(optimizer.get());
        Sequential small = model(optimizer.get().gradientAccumulationSteps(K));
        for (int update = 0; update < 3; update++) {
            large.trainOnBatch(rows(x, update * K * B, K * B), rows(y, update * K * B, K * B));
            List<float[]> before = small.getWeights();
            for (int micro = 0; micro < K; micro++) {
                if (micro > 0) {
                    assertArrayEquals(before.get(0), small.getWeights().get(0), "no update before the k-th step");
                }
                int from = update * K * B + micro * B;
                small.trainOnBatch(rows(x, from, B), rows(y, from, B));
            }
            assertClose(large.getWeights(), small.getWeights());
        }
        assertEquals(3, large.optimizer().iterations());
        assertEquals(3L * K, small.optimizer().iterations(), "every step counts, as Keras' _iterations");
    }

    @Test
    void sgdWithMomentumMatchesOneLargeBatch() {
        sameAsOneLargeBatch(() -> SGD.of(0.1).momentum(0.9));
    }

    @Test
    void adamMatchesOneLargeBatchBecauseItsBiasCorrectionCountsUpdates() {
        sameAsOneLargeBatch(() -> Adam.of(0.01));
    }

    @Test
    void clippingAppliesToTheAverage() {
        sameAsOneLargeBatch(() -> SGD.of(0.1).globalClipnorm(0.05));
    }

    @Test
    void theScheduleReadsEveryStep() {
        Optimizer o = SGD.of(0.1).learningRate(new ExponentialDecay(0.1, 1, 0.5, false)).gradientAccumulationSteps(K);
        Sequential m = model(o);
        Tensor x = GradientCheck.input(B, 5, 3, 0);
        Tensor y = GradientCheck.input(B, 3, 4, 0);
        for (int i = 0; i < K - 1; i++) {
            m.trainOnBatch(x, y);
        }
        assertEquals(0.1 * Math.pow(0.5, K - 1), o.currentLearningRate(), 1e-12);
    }

    @Test
    void theAccumulatorIsSavedSoThatAResumedRunGoesOnAlike(@TempDir Path dir) throws Exception {
        Tensor x = GradientCheck.input(B * 6, 5, 5, 0);
        Tensor y = GradientCheck.input(B * 6, 3, 6, 0);
        Sequential straight = model(Adam.of(0.01).gradientAccumulationSteps(3));
        Sequential interrupted = model(Adam.of(0.01).gradientAccumulationSteps(3));
        for (int s = 0; s < 2; s++) {
            straight.trainOnBatch(rows(x, s * B, B), rows(y, s * B, B));
            interrupted.trainOnBatch(rows(x, s * B, B), rows(y, s * B, B));
        }
        interrupted.save(dir.resolve("m.lamina"));
        Sequential resumed = Sequential.load(dir.resolve("m.lamina"));
        assertEquals(3, resumed.optimizer().gradientAccumulationSteps());
        for (int s = 2; s < 6; s++) {
            straight.trainOnBatch(rows(x, s * B, B), rows(y, s * B, B));
            resumed.trainOnBatch(rows(x, s * B, B), rows(y, s * B, B));
        }
        for (int i = 0; i < straight.getWeights().size(); i++) {
            assertArrayEquals(straight.getWeights().get(i), resumed.getWeights().get(i));
        }
    }

    @Test
    void argumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam().gradientAccumulationSteps(1));
        assertTrue(e.getMessage().contains("gradient_accumulation_steps"), e.getMessage());
        assertNull(new Adam().gradientAccumulationSteps());
        assertEquals(4, Optimizers.fromConfig("SGD", new Adam().gradientAccumulationSteps(4).config())
                .gradientAccumulationSteps());
    }
}
