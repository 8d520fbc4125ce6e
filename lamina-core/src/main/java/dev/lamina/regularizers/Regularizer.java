package dev.lamina.regularizers;

import java.util.Map;

/**
 * A penalty on a weight that is added to the training loss (and so to the reported {@code loss},
 * as in Keras), with its gradient.
 */
public interface Regularizer {
    /** The Keras class name, e.g. {@code "L2"}. */
    String className();

    /** The Keras config, e.g. {@code {l2=0.01}}. */
    Map<String, Object> config();

    /** The penalty of {@code weight}'s first {@code n} values. */
    double penalty(float[] weight, int n);

    /** Adds the penalty's gradient with respect to the weight to {@code grad}. */
    void addGradient(float[] weight, float[] grad, int n);
}
