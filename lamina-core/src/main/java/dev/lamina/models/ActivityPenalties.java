package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Tensor;

/**
 * The activity regularizers of a model's layers over one forward pass: each regularized layer's
 * output is kept, its penalty divided by the batch's rows is summed into {@link #loss()}, and the
 * backward pass adds the same penalty's gradient to the gradient arriving at that output (Keras'
 * {@code activity_regularizer}, normalized by the batch size as Keras 3 does). A model without
 * activity regularizers pays one null check per layer; nothing is allocated once the model's layer
 * count is known.
 */
final class ActivityPenalties {
    private Tensor[] outputs = new Tensor[0];
    private double loss;

    /** Starts a forward pass through {@code layers} layers. */
    void start(int layers) {
        if (outputs.length != layers) {
            outputs = new Tensor[layers];
        }
        loss = 0;
    }

    /** Records layer {@code i}'s output {@code out}, adding its penalty when the layer has one. */
    void record(int i, Layer layer, Tensor out) {
        Regularizer r = layer.activityRegularizer();
        if (r == null) {
            outputs[i] = null;
            return;
        }
        outputs[i] = out;
        loss += r.penalty(out.data(), out.size()) / out.rows();
    }

    /** The sum of the penalties of the last forward pass (0 without activity regularizers). */
    double loss() {
        return loss;
    }

    /** Whether layer {@code i}'s output carries a penalty in the last forward pass. */
    boolean penalizes(int i) {
        return i < outputs.length && outputs[i] != null;
    }

    /**
     * Adds layer {@code i}'s penalty gradient to {@code grad}, the loss's gradient with respect to
     * that layer's output (a buffer the backward pass may change).
     */
    void addGradient(int i, Layer layer, Tensor grad) {
        Tensor out = i < outputs.length ? outputs[i] : null;
        Regularizer r = layer.activityRegularizer();
        if (out != null && r != null) {
            r.addGradient(out.data(), grad.data(), out.size(), 1f / out.rows());
        }
    }

    /** Whether any of {@code layers} has an activity regularizer. */
    static boolean any(java.util.List<Layer> layers) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).activityRegularizer() != null) {
                return true;
            }
        }
        return false;
    }
}
