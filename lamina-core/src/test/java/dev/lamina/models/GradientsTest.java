package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradients as values: computing and applying them apart is a step; holders add up across batches. */
class GradientsTest {
    private static final Tensor X = GradientCheck.input(32, 6, 1, 0);
    private static final Tensor Y = GradientCheck.input(32, 2, 2, 0);

    private static Sequential withNoise() {
        Sequential m = Sequential.of(Input.of(6), Dense.of(16, "relu"), Dropout.of(0.2), BatchNormalization.of(),
                Dense.of(2)).seed(5);
        m.compile(Adam.of(0.01), Losses.get("mse"));
        return m;
    }

    private static Sequential plain() {
        Sequential m = Sequential.of(Input.of(6), Dense.of(16, "tanh"), Dense.of(2)).seed(6);
        m.compile(Adam.of(0.01), Losses.get("mse"));
        return m;
    }

    private static Tensor rows(Tensor t, int from, int count) {
        return Tensor.wrap(Arrays.copyOfRange(t.data(), from * t.cols(), (from + count) * t.cols()), count, t.cols());
    }

    @Test
    void computingThenApplyingIsTrainOnBatchBitForBit() {
        Sequential a = withNoise();
        Sequential b = withNoise();
        Gradients g = b.newGradients();
        for (int step = 0; step < 3; step++) {
            double lossA = a.trainOnBatch(X, Y);
            List<float[]> before = b.getWeights();
            b.computeGradients(X, Y, g);
            for (int i = 0; i < 2; i++) { // the kernel and bias of the first Dense: untouched by computing
                assertArrayEquals(before.get(i), b.getWeights().get(i));
            }
            b.applyGradients(g);
            assertEquals(lossA, g.loss());
            for (int i = 0; i < a.getWeights().size(); i++) {
                assertArrayEquals(a.getWeights().get(i), b.getWeights().get(i), "weight " + i + ", step " + step);
            }
        }
    }

    @Test
    void gradientsOfHalvesAddUpToTheWholeBatchsAndApplyAlike() {
        Sequential whole = plain();
        Sequential halves = plain();
        Gradients all = whole.newGradients();
        whole.computeGradients(X, Y, all);
        Gradients first = halves.newGradients();
        Gradients second = halves.newGradients();
        halves.computeGradients(rows(X, 0, 16), rows(Y, 0, 16), first);
        halves.computeGradients(rows(X, 16, 16), rows(Y, 16, 16), second);
        first.add(second).scale(0.5);
        assertEquals(all.loss(), first.loss(), 1e-6);
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < all.values(i).length; j++) {
                assertEquals(all.values(i)[j], first.values(i)[j], 1e-6, all.path(i) + "[" + j + "]");
            }
        }
        whole.applyGradients(all);
        halves.applyGradients(first);
        for (int i = 0; i < whole.getWeights().size(); i++) {
            float[] w = whole.getWeights().get(i);
            float[] h = halves.getWeights().get(i);
            for (int j = 0; j < w.length; j++) {
                assertEquals(w[j], h[j], 1e-5);
            }
        }
    }

    @Test
    void replicasMergeTheirBatchNormalizationStatisticsByTheirMean() {
        Sequential driver = withNoise();
        Sequential r1 = withNoise();
        Sequential r2 = withNoise();
        Gradients g1 = r1.computeGradients(rows(X, 0, 16), rows(Y, 0, 16), r1.newGradients());
        Gradients g2 = r2.computeGradients(rows(X, 16, 16), rows(Y, 16, 16), r2.newGradients());
        BatchNormalization bn1 = (BatchNormalization) r1.layers().get(2);
        BatchNormalization bn2 = (BatchNormalization) r2.layers().get(2);
        BatchNormalization bn = (BatchNormalization) driver.layers().get(2);
        assertEquals(2, g1.stateSize());
        assertEquals(bn1.movingMean().path(), g1.statePath(0));
        assertArrayEquals(bn1.movingMean().value().data(), g1.stateValues(0));
        float[] mean = bn1.movingMean().value().data().clone();
        float[] var = bn1.movingVariance().value().data().clone();
        for (int j = 0; j < mean.length; j++) {
            mean[j] = (mean[j] + bn2.movingMean().value().data()[j]) / 2;
            var[j] = (var[j] + bn2.movingVariance().value().data()[j]) / 2;
        }
        Gradients sum = driver.newGradients(); // builds the driver
        float[] driverMean = bn.movingMean().value().data().clone();
        sum.clear().add(g1).add(g2).scale(0.5);
        assertEquals(2, sum.replicas());
        assertArrayEquals(driverMean, bn.movingMean().value().data(), "adding holders changes no weight");
        driver.applyGradients(sum);
        assertArrayEquals(mean, bn.movingMean().value().data());
        assertArrayEquals(var, bn.movingVariance().value().data());
        assertEquals(bn1.trainingPasses(), bn.trainingPasses());
        assertEquals(1, bn.trainingPasses());
        // The trainable weights took one step with the mean gradient of the halves.
        Sequential byHand = withNoise();
        Gradients mine = byHand.newGradients().clear().add(g1).add(g2).scale(0.5);
        byHand.applyGradients(mine);
        for (int i = 0; i < driver.getWeights().size(); i++) {
            assertArrayEquals(byHand.getWeights().get(i), driver.getWeights().get(i), "weight " + i);
        }
    }

    @Test
    void aHolderServesOnlyItsModel() {
        Gradients other = plain().newGradients();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withNoise().computeGradients(X, Y, other));
        assertTrue(e.getMessage().contains("belong to another model"), e.getMessage());
        IllegalStateException notCompiled = assertThrows(IllegalStateException.class,
                () -> Sequential.of(Input.of(6), Dense.of(2)).newGradients());
        assertTrue(notCompiled.getMessage().contains("is not compiled"), notCompiled.getMessage());
    }

    private static Sequential dropoutOnly() {
        Sequential m = Sequential.of(Input.of(6), Dense.of(16, "relu"), Dropout.of(0.5), Dense.of(2)).seed(8);
        m.compile(Adam.of(0.01), Losses.get("mse"));
        return m;
    }

    @Test
    void replicasOfAGhostBatchDrawTheWholeBatchsDropoutMasks() throws Exception {
        Sequential whole = dropoutOnly();
        Gradients full = whole.computeGradients(X, Y, whole.newGradients());
        Sequential first = ModelFiles.copy(dropoutOnly());
        Sequential second = ModelFiles.copy(dropoutOnly());
        Gradients a = first.computeGradients(new dev.lamina.data.Batch(rows(X, 0, 16), rows(Y, 0, 16)), 0,
                first.newGradients()).scale(0.5);
        Gradients b = second.computeGradients(new dev.lamina.data.Batch(rows(X, 16, 16), rows(Y, 16, 16)), 16,
                second.newGradients()).scale(0.5);
        Gradients sum = whole.newGradients().clear().add(a).add(b);
        for (int i = 0; i < full.size(); i++) {
            float[] f = full.values(i);
            float[] s = sum.values(i);
            for (int j = 0; j < f.length; j++) {
                assertEquals(f[j], s[j], 1e-6 * (1 + Math.abs(f[j])), full.path(i) + "[" + j + "]");
            }
        }
        assertEquals(full.loss(), sum.loss(), 1e-6);
        // Both halves drawing from row 0 would repeat the first half's masks: other gradients.
        Sequential third = ModelFiles.copy(dropoutOnly());
        Gradients c = third.computeGradients(new dev.lamina.data.Batch(rows(X, 16, 16), rows(Y, 16, 16)), 0,
                third.newGradients());
        assertTrue(!Arrays.equals(b.scale(2).values(0), c.values(0)), "the first row's offset chooses the masks");
    }

    @Test
    void holdersTravelAsBytes() {
        Sequential m = withNoise();
        Gradients g = m.computeGradients(X, Y, m.newGradients());
        byte[] bytes = g.toBytes();
        Sequential other = withNoise();
        Gradients copy = other.newGradients().setFrom(bytes);
        assertArrayEquals(bytes, copy.toBytes());
        assertEquals(g.loss(), copy.loss());
        for (int i = 0; i < g.size(); i++) {
            assertArrayEquals(g.values(i), copy.values(i));
        }
        other.applyGradients(copy);
        m.applyGradients(g);
        for (int i = 0; i < m.getWeights().size(); i++) {
            assertArrayEquals(m.getWeights().get(i), other.getWeights().get(i), "weight " + i);
        }
        Gradients wrong = plain().newGradients();
        assertThrows(IllegalArgumentException.class, () -> wrong.setFrom(bytes));
        assertThrows(IllegalArgumentException.class, () -> m.newGradients().setFrom(Arrays.copyOf(bytes, 40)));
    }
}
