package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.tensor.Tensor;
import java.util.List;

/** Computes a batch's gradients without an optimizer step, in training or inference mode (see {@link Sequential#gradients}). */
final class GradientProbe {
    private GradientProbe() {}

    static BatchGradients of(Sequential model, Tensor x, Tensor y, boolean training) {
        TrainingStep s = new TrainingStep(model);
        Tensor out = model.forward(x, training ? Mode.TRAINING : Mode.INFERENCE);
        Tensor g = Tensor.zeros(out.shape());
        double loss = model.loss().compute(y, out, g) + model.regularizationLoss() + model.activity().loss();
        List<Layer> layers = model.layers();
        Tensor d = g;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            l.setComputeInputGradient(true);
            model.activity().addGradient(i, l, d);
            d = l.backward(d);
        }
        layers.get(0).setComputeInputGradient(false);
        Gradients grads = new Gradients(s.params(), s.state(), s.counted());
        float[][] arrays = grads.arrays();
        for (int i = 0; i < arrays.length; i++) {
            dev.lamina.layers.Parameter p = s.params().get(i);
            System.arraycopy(p.grad().data(), 0, arrays[i], 0, arrays[i].length);
            if (p.trainable() && p.regularizer() != null) {
                p.regularizer().addGradient(p.value().data(), arrays[i], p.value().size());
            }
        }
        grads.loss(loss);
        grads.captureState();
        return new BatchGradients(loss, grads, d.copy());
    }
}
