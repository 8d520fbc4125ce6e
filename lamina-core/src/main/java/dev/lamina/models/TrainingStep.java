package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.metrics.Metric;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimizer step on one batch: forward in training mode, the loss (with the weights' and the
 * outputs' penalties) and its gradient, backward, the regularizers' gradients, then the optimizer's
 * update. Reused from step to step, it
 * allocates nothing once its buffer has grown to the batch.
 */
final class TrainingStep {
    private final Sequential model;
    private final List<Parameter> params = new ArrayList<>();
    private final List<Parameter> state = new ArrayList<>();
    private final List<Layer> counted = new ArrayList<>();
    private final Buffer grad = new Buffer();

    TrainingStep(Sequential model) {
        this.model = model;
        for (Parameter p : model.weights()) {
            if (p.declaredTrainable()) {
                params.add(p);
            }
        }
        for (Layer l : model.layers()) {
            state.addAll(l.trainingState());
            if (l.trainingPasses() >= 0) {
                counted.add(l);
            }
        }
    }

    /** The layers' training state, in layer order (see {@link Layer#trainingState()}). */
    List<Parameter> state() {
        return state;
    }

    /** The layers that count their training passes. */
    List<Layer> counted() {
        return counted;
    }

    /** Runs the step and returns the batch's loss (with regularization); updates {@code metrics} too. */
    double run(Tensor xb, Tensor yb, List<Metric> metrics) {
        return run(xb, yb, null, metrics);
    }

    /** {@link #run(Tensor, Tensor, List)} with a weight per row (null: equal weights). */
    double run(Tensor xb, Tensor yb, float[] weights, List<Metric> metrics) {
        double loss = compute(xb, yb, weights, metrics);
        apply();
        return loss;
    }

    /** The trainable weights, in the model's order. */
    List<Parameter> params() {
        return params;
    }

    /**
     * The first half of a step: forward in training mode, loss, backward and the regularizers'
     * gradients, leaving each weight's gradient in {@code Parameter.grad()}; returns the loss. Rows
     * count by {@code weights} in the loss when not null (Keras' sample weights; its compiled
     * metrics ignore them).
     */
    double compute(Tensor xb, Tensor yb, float[] weights, List<Metric> metrics) {
        return compute(xb, yb, weights, metrics, Mode.TRAINING);
    }

    /** {@link #compute(Tensor, Tensor, float[], List)} in {@code mode}, a training mode. */
    double compute(Tensor xb, Tensor yb, float[] weights, List<Metric> metrics, Mode mode) {
        Tensor out = model.forward(xb, mode);
        Tensor g = grad.get(out.rows(), model.outputShape());
        double loss = model.loss().compute(yb, out, g, weights) + model.regularizationLoss()
                + model.activity().loss();
        for (int iM = 0; iM < metrics.size(); iM++) {
            metrics.get(iM).update(yb, out); // Keras' compiled metrics do not weigh rows (weighted_metrics would)
        }
        model.backward(g);
        for (int iP = 0; iP < params.size(); iP++) {
            Parameter p = params.get(iP);
            if (p.trainable() && p.regularizer() != null) {
                p.regularizer().addGradient(p.value().data(), p.grad().data(), p.value().size());
            }
        }
        return loss;
    }

    /** The second half: the optimizer's update from the gradients in {@code Parameter.grad()}. */
    void apply() {
        model.optimizer().apply(params);
    }
}
