package dev.lamina.layers;

import dev.lamina.constraints.Constraint;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Tensor;

/**
 * One weight of a layer with its gradient: e.g. {@code dense_1/kernel}.
 *
 * <p>A weight is trainable when it was declared so (a kernel, a bias, BN's gamma and beta) and its
 * layer is trainable; non-trainable weights (BN's moving statistics) are state the layer updates
 * itself. Both kinds are saved with the model.
 */
public final class Parameter {
    private final Layer owner;
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean declaredTrainable;
    private final Regularizer regularizer;
    private final Constraint constraint;

    Parameter(Layer owner, String name, Tensor value, boolean trainable, Regularizer regularizer,
              Constraint constraint) {
        this.owner = owner;
        this.name = name;
        this.value = value;
        this.grad = trainable ? Tensor.zeros(value.shape()) : null;
        this.declaredTrainable = trainable;
        this.regularizer = regularizer;
        this.constraint = constraint;
    }

    /** The weight's own name, e.g. {@code kernel}. */
    public String name() {
        return name;
    }

    /** The layer name and weight name, e.g. {@code dense_1/kernel} (the name used in saved files). */
    public String path() {
        return owner.name() + "/" + name;
    }

    /** The layer that owns this weight. */
    public Layer owner() {
        return owner;
    }

    /** The values (updated in place by optimizers). */
    public Tensor value() {
        return value;
    }

    /** The gradient of the loss, filled by the owner's backward; null for a non-trainable weight. */
    public Tensor grad() {
        return grad;
    }

    /** Whether the optimizer updates this weight now: declared trainable and owner trainable. */
    public boolean trainable() {
        return declaredTrainable && owner.trainable();
    }

    /** Whether this weight was declared trainable (a kernel) rather than state (a moving mean). */
    public boolean declaredTrainable() {
        return declaredTrainable;
    }

    /** The penalty added to the loss, or null. */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** The projection applied after each update, or null. */
    public Constraint constraint() {
        return constraint;
    }

    @Override
    public String toString() {
        return path() + " " + value.shape();
    }
}
