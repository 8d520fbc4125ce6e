package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import java.util.List;

/**
 * Features and targets as tensors, with the names of their columns.
 *
 * @param x the features, one row per example
 * @param y the targets, one row per example
 * @param featureNames the columns of x (one-hot columns named {@code column=value})
 * @param targetNames the columns of y
 */
public record Dataset(Tensor x, Tensor y, List<String> featureNames, List<String> targetNames) {
    /** The number of examples. */
    public int rows() {
        return x.rows();
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        return new Dataset(take(x, indices), take(y, indices), featureNames, targetNames);
    }

    private static Tensor take(Tensor t, int[] indices) {
        int cols = t.cols();
        float[] out = new float[indices.length * cols];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(t.data(), indices[i] * cols, out, i * cols, cols);
        }
        return Tensor.wrap(out, indices.length, cols);
    }
}
