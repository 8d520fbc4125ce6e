package dev.lamina.regularizers;

import java.util.Map;

/**
 * A penalty on a weight, or on a layer's outputs (an activity regularizer), that is added to the
 * training loss (and so to the reported {@code loss}, as in Keras), with its gradient.
 */
public interface Regularizer {
    /** The Keras class name, e.g. {@code "L2"}. */
    String className();

    /** The Keras config, e.g. {@code {l2=0.01}}. */
    Map<String, Object> config();

    /** The penalty of {@code weight}'s first {@code n} values. */
    double penalty(float[] weight, int n);

    /** Adds the penalty's gradient with respect to the weight to {@code grad}. */
    default void addGradient(float[] weight, float[] grad, int n) {
        addGradient(weight, grad, n, 1f);
    }

    /**
     * Adds {@code scale} times the penalty's gradient with respect to {@code value} to {@code grad}:
     * an activity regularizer's penalty is divided by the batch's rows, and so is its gradient.
     */
    void addGradient(float[] value, float[] grad, int n, float scale);
}
