package dev.lamina.layers.normalization;

import java.util.Arrays;

/**
 * Batch normalization's inference transform, {@code y = x * scale + shift} per channel with
 * {@code scale = gamma / sqrt(moving_variance + epsilon)} and {@code shift = beta - moving_mean * scale}
 * (computed in double, stored in float), kept between calls: it is recomputed only when gamma, beta or
 * the moving statistics differ from the values it was computed from. The comparison is by value,
 * so writes straight into a weight's array ({@code Parameter.value().data()}), loads and optimizer
 * steps are all seen; it costs a few hundred nanoseconds where recomputing costs microseconds (one
 * square root and division per channel), which matters for single-row prediction.
 */
final class InferenceTransform {
    private final double epsilon;
    private final float[] scale;
    private final float[] shift;
    private final float[] seenGamma;
    private final float[] seenBeta;
    private final float[] seenMean;
    private final float[] seenVariance;
    private boolean computed;

    InferenceTransform(int channels, double epsilon) {
        this.epsilon = epsilon;
        scale = new float[channels];
        shift = new float[channels];
        seenGamma = new float[channels];
        seenBeta = new float[channels];
        seenMean = new float[channels];
        seenVariance = new float[channels];
    }

    /**
     * Brings the transform up to date with these weights (gamma or beta null when the layer has
     * none: 1 and 0).
     */
    void refresh(float[] gamma, float[] beta, float[] movingMean, float[] movingVariance) {
        if (computed && same(gamma, seenGamma) && same(beta, seenBeta) && Arrays.equals(movingMean, seenMean)
                && Arrays.equals(movingVariance, seenVariance)) {
            return;
        }
        for (int c = 0; c < scale.length; c++) {
            double inv = scale(gamma, movingVariance, epsilon, c);
            scale[c] = (float) inv;
            shift[c] = (float) shift(beta, movingMean, c, inv);
        }
        copy(gamma, seenGamma);
        copy(beta, seenBeta);
        System.arraycopy(movingMean, 0, seenMean, 0, seenMean.length);
        System.arraycopy(movingVariance, 0, seenVariance, 0, seenVariance.length);
        computed = true;
    }

    /** Channel c's factor in double, {@code gamma / sqrt(moving_variance + epsilon)} (gamma null: 1). */
    static double scale(float[] gamma, float[] movingVariance, double epsilon, int c) {
        return (gamma == null ? 1 : gamma[c]) / Math.sqrt(movingVariance[c] + epsilon);
    }

    /** Channel c's offset in double, {@code beta - moving_mean * scale} (beta null: 0). */
    static double shift(float[] beta, float[] movingMean, int c, double scale) {
        return (beta == null ? 0 : beta[c]) - movingMean[c] * scale;
    }

    /** The per-channel factor; valid after {@link #refresh}. */
    float[] scale() {
        return scale;
    }

    /** The per-channel offset; valid after {@link #refresh}. */
    float[] shift() {
        return shift;
    }

    private static boolean same(float[] weight, float[] seen) {
        return weight == null || Arrays.equals(weight, seen);
    }

    private static void copy(float[] weight, float[] seen) {
        if (weight != null) {
            System.arraycopy(weight, 0, seen, 0, seen.length);
        }
    }
}
