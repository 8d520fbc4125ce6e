package dev.lamina.losses;

import dev.lamina.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Categorical cross-entropy with integer class labels ({@code yTrue} has one column holding
 * 0 .. classes-1) instead of one-hot rows; otherwise as {@link CategoricalCrossentropy}.
 */
public final class SparseCategoricalCrossentropy implements Loss {
    private final boolean fromLogits;

    /** Keras' default: probabilities. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /** @param fromLogits whether predictions are logits (default false) */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    private double[] row = new double[0];

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public String className() {
        return "SparseCategoricalCrossentropy";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("from_logits", fromLogits);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad) {
        return compute(yTrue, yPred, grad, null);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad, float[] sampleWeight) {
        int rows = yPred.rows();
        int k = yPred.cols();
        if (yTrue.rows() != rows || yTrue.cols() != 1) {
            throw new IllegalArgumentException(className() + " expects targets of shape [" + rows
                    + ", 1] holding class indices, received " + yTrue.shape() + "; for one-hot targets use"
                    + " categorical_crossentropy.");
        }
        double[] t = scratch(k);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            float label = yTrue.data()[r];
            int c = (int) label;
            if (c != label || c < 0 || c >= k) {
                throw new IllegalArgumentException(className() + ": row " + r + " has label " + label
                        + " but the model predicts " + k + " classes; labels must be integers in [0, " + (k - 1) + "].");
            }
            Arrays.fill(t, 0);
            t[c] = 1;
            double w = sampleWeight == null ? 1 : sampleWeight[r];
            sum += w * CrossEntropyRow.loss(t, yPred.data(), r * k, k, fromLogits, grad == null ? null : grad.data(),
                    w / rows);
        }
        return sum / rows;
    }

    @Override
    public String toString() {
        return name();
    }

    private double[] scratch(int k) {
        if (row.length != k) {
            row = new double[k];
        }
        return row;
    }
}
