package dev.lamina.losses;

import dev.lamina.activations.Activations;
import dev.lamina.tensor.Tensor;

/**
 * Binary cross-entropy, averaged over the last axis then the batch.
 *
 * <p>With {@code fromLogits} the predictions are logits and the loss is computed stably as
 * {@code max(x, 0) - x t + log(1 + exp(-|x|))}. Otherwise predictions are probabilities, clipped
 * to [1e-7, 1 - 1e-7] as Keras does (the gradient is 0 where clipping is active). Label smoothing
 * replaces {@code t} with {@code t (1 - s) + s / 2}.
 */
public final class BinaryCrossentropy extends Crossentropy {
    /** Keras' backend epsilon, used to clip probabilities, as the float32 Keras clips with. */
    public static final double EPSILON = 1e-7f;
    /**
     * The upper clip, {@code 1 - epsilon} rounded to float32 as Keras computes it: 1 − 1.19e-7, so a
     * saturated probability costs −log(1.19e-7) = 15.942, not −log(1e-7) = 16.118.
     */
    static final double ONE_MINUS_EPSILON = 1f - 1e-7f;

    /** Keras' defaults: probabilities, no smoothing. */
    public BinaryCrossentropy() {
        this(false, 0);
    }

    /**
     * @param fromLogits whether predictions are logits (default false)
     * @param labelSmoothing in [0, 1] (default 0)
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public String className() {
        return "BinaryCrossentropy";
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad) {
        return compute(yTrue, yPred, grad, null);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad, float[] sampleWeight) {
        Loss.checkSameShape(className(), yTrue, yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        float[] g = grad == null ? null : grad.data();
        int n = p.length;
        int cols = yPred.cols();
        double unit = 1.0 / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = sampleWeight == null ? 1 : sampleWeight[i / cols];
            double scale = w * unit; // unweighted, w is 1 and every product below is exact
            double ti = t[i] * (1 - labelSmoothing) + 0.5 * labelSmoothing;
            double x = p[i];
            if (fromLogits) {
                double li = Math.max(x, 0) - x * ti + Math.log1p(Math.exp(-Math.abs(x)));
                sum += w * li;
                if (g != null) {
                    g[i] = (float) ((Activations.sigmoid(x) - ti) * scale);
                }
            } else {
                double q = Math.min(Math.max(x, EPSILON), ONE_MINUS_EPSILON);
                double li = -(ti * Math.log(q) + (1 - ti) * Math.log(1 - q));
                sum += w * li;
                if (g != null) {
                    boolean clipped = x < EPSILON || x > ONE_MINUS_EPSILON;
                    g[i] = clipped ? 0f : (float) ((-ti / q + (1 - ti) / (1 - q)) * scale);
                }
            }
        }
        return sum * unit;
    }
}
