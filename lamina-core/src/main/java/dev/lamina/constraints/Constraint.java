package dev.lamina.constraints;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/** A projection applied to a weight after each optimizer step (as Keras does). */
public interface Constraint {
    /** The Keras class name, e.g. {@code "MaxNorm"}. */
    String className();

    /** The Keras config. */
    Map<String, Object> config();

    /** Projects {@code weight} in place. */
    void apply(Tensor weight);
}
