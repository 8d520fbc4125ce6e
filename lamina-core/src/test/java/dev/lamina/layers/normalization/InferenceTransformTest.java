package dev.lamina.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InferenceTransformTest {
    private static final double EPS = 1e-3;

    @Test
    void matchesTheFormulaWithAndWithoutGammaAndBeta() {
        float[] gamma = {2f, -0.5f};
        float[] beta = {0.25f, 3f};
        float[] mean = {1f, -4f};
        float[] variance = {0.5f, 9f};
        InferenceTransform t = new InferenceTransform(2, EPS);
        t.refresh(gamma, beta, mean, variance);
        for (int c = 0; c < 2; c++) {
            double inv = gamma[c] / Math.sqrt(variance[c] + EPS);
            assertEquals((float) inv, t.scale()[c]);
            assertEquals((float) (beta[c] - mean[c] * inv), t.shift()[c]);
        }
        InferenceTransform plain = new InferenceTransform(2, EPS);
        plain.refresh(null, null, mean, variance);
        assertEquals((float) (1 / Math.sqrt(9 + EPS)), plain.scale()[1]);
        assertEquals((float) (4 / Math.sqrt(9 + EPS)), plain.shift()[1]);
    }

    @Test
    void seesEveryWeightChangedInPlace() {
        float[] gamma = {1f, 1f};
        float[] beta = {0f, 0f};
        float[] mean = {0f, 0f};
        float[] variance = {1f, 1f};
        InferenceTransform t = new InferenceTransform(2, EPS);
        t.refresh(gamma, beta, mean, variance);
        float[][] weights = {gamma, beta, mean, variance};
        for (float[] w : weights) {
            w[1] += 3f;
            t.refresh(gamma, beta, mean, variance);
            double inv = gamma[1] / Math.sqrt(variance[1] + EPS);
            assertEquals((float) inv, t.scale()[1]);
            assertEquals((float) (beta[1] - mean[1] * inv), t.shift()[1]);
        }
    }

    @Test
    void predictionFollowsMovingStatisticsWrittenIntoTheLayer() {
        BatchNormalization bn = BatchNormalization.of();
        bn.build(Shape.of(3), new dev.lamina.random.RandomStream(0, 0));
        Tensor x = Tensor.wrap(new float[] {1f, 2f, 3f}, 1, 3);
        float before = bn.forward(x, Mode.INFERENCE).data()[2];
        Parameter movingMean = bn.weights().stream().filter(p -> p.name().equals("moving_mean")).findFirst()
                .orElseThrow();
        movingMean.value().data()[2] = 1f;
        float after = bn.forward(x, Mode.INFERENCE).data()[2];
        assertEquals((float) (3 / Math.sqrt(1 + EPS)), before, 1e-6f);
        assertEquals((float) (2 / Math.sqrt(1 + EPS)), after, 1e-6f);
    }
}
