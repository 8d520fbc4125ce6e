package dev.lamina.losses;

import dev.lamina.tensor.Tensor;

/**
 * Cross-entropy between one-hot (or soft) targets and predicted class probabilities, summed over
 * classes and averaged over the batch.
 *
 * <p>With {@code fromLogits} it uses a stable log-softmax. Otherwise, as Keras, the predictions
 * are first divided by their row sum, then clipped to [1e-7, 1 - 1e-7]. Label smoothing replaces
 * {@code t} with {@code t (1 - s) + s / classes}.
 */
public final class CategoricalCrossentropy extends Crossentropy {

    /** Keras' defaults: probabilities, no smoothing. */
    public CategoricalCrossentropy() {
        this(false, 0);
    }

    /**
     * @param fromLogits whether predictions are logits (default false)
     * @param labelSmoothing in [0, 1] (default 0)
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits, labelSmoothing);
    }

    private double[] row = new double[0];

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public String className() {
        return "CategoricalCrossentropy";
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad) {
        return compute(yTrue, yPred, grad, null);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad, float[] sampleWeight) {
        Loss.checkSameShape(className(), yTrue, yPred);
        int rows = yPred.rows();
        int k = yPred.cols();
        float[] t = yTrue.data();
        double[] smoothed = scratch(k);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                smoothed[j] = t[r * k + j] * (1 - labelSmoothing) + labelSmoothing / k;
            }
            double w = sampleWeight == null ? 1 : sampleWeight[r];
            sum += w * CrossEntropyRow.loss(smoothed, yPred.data(), r * k, k, fromLogits,
                    grad == null ? null : grad.data(), w / rows);
        }
        return sum / rows;
    }

    private double[] scratch(int k) {
        if (row.length != k) {
            row = new double[k];
        }
        return row;
    }
}
