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

    /** Checks that targets and predictions have the same number of rows and columns. */
    static void checkSameShape(String owner, Tensor yTrue, Tensor yPred) {
        if (yTrue.rows() != yPred.rows() || yTrue.cols() != yPred.cols()) {
            throw new IllegalArgumentException(owner + " received targets of shape " + yTrue.shape()
                    + " and predictions of shape " + yPred.shape() + "; they must match: give one target column"
                    + " per model output (for integer class labels use sparse_categorical_crossentropy).");
        }
    }
}
