package dev.lamina.losses;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * A training objective: the mean over the batch of a per-sample loss (Keras' default reduction
 * {@code sum_over_batch_size}), with its gradient with respect to the predictions.
 *
 * <p>A loss may keep scratch buffers so that training allocates nothing per step: give each model
 * its own loss object rather than sharing one between threads.
 */
public interface Loss {
    /** The Keras function name, e.g. {@code mean_squared_error}. */
    String name();

    /** The Keras class name, e.g. {@code MeanSquaredError}. */
    String className();

    /** The Keras config (e.g. {@code from_logits}). */
    Map<String, Object> config();

    /**
     * The mean loss over the batch; when {@code grad} is not null, fills it with the gradient of
     * that mean with respect to {@code yPred}.
     *
     * @throws IllegalArgumentException when the shapes of {@code yTrue} and {@code yPred} do not fit
     */
    double compute(Tensor yTrue, Tensor yPred, Tensor grad);

    /**
     * The loss with a weight per row, as Keras weighs samples: each row's loss times its weight,
     * summed and divided by the number of rows (not by the weights' sum: Keras'
     * {@code sum_over_batch_size}); {@code grad} as in {@link #compute(Tensor, Tensor, Tensor)}.
     * With {@code sampleWeight} null, the unweighted loss, bit for bit.
     *
     * @throws UnsupportedOperationException for a loss that cannot weigh rows (the built-in ones all can)
     */
    default double compute(Tensor yTrue, Tensor yPred, Tensor grad, float[] sampleWeight) {
        if (sampleWeight == null) {
            return compute(yTrue, yPred, grad);
        }
        throw new UnsupportedOperationException("Loss " + name() + " cannot weight samples; implement"
                + " compute(yTrue, yPred, grad, sampleWeight).");
    }

    /**
     * Each row's loss, unreduced (Keras' {@code reduction="none"}): the loss of the batch made of
     * that row alone, so that their mean is {@link #compute(Tensor, Tensor, Tensor)}'s value.
     */
    default double[] perSample(Tensor yTrue, Tensor yPred) {
        int rows = yPred.rows();
        double[] out = new double[rows];
        int tc = yTrue.size() / Math.max(1, yTrue.rows());
        int pc = yPred.size() / Math.max(1, rows);
        for (int r = 0; r < rows; r++) {
            Tensor t = Tensor.wrap(java.util.Arrays.copyOfRange(yTrue.data(), r * tc, (r + 1) * tc), 1, tc);
            Tensor p = Tensor.wrap(java.util.Arrays.copyOfRange(yPred.data(), r * pc, (r + 1) * pc), 1, pc);
            out[r] = compute(t, p, null);
        }
        return out;
    }

    /** Checks that targets and predictions have the same number of rows and columns. */
    static void checkSameShape(String owner, Tensor yTrue, Tensor yPred) {
        if (yTrue.rows() != yPred.rows() || yTrue.cols() != yPred.cols()) {
            throw new IllegalArgumentException(owner + " received targets of shape " + yTrue.shape()
                    + " and predictions of shape " + yPred.shape() + "; they must match: give one target column"
                    + " per model output (for integer class labels use sparse_categorical_crossentropy).");
        }
    }
}
