package dev.lamina.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Central-difference gradient checks of a layer: the scalar {@code L = sum(R * forward(x))} with a
 * fixed random projection {@code R}, differentiated numerically by {@code (L(p+e) - L(p-e)) / 2e}
 * for every input element and every weight element (sampled for large weights), and compared with
 * what {@code backward(R)} returns. L is accumulated in double; the forward pass is float32, so
 * the step is large enough (1e-2 by default) that rounding noise stays far below the tolerance,
 * while smooth functions keep the truncation error O(e²). A check fails when an element exceeds
 * both the absolute floor and the relative tolerance.
 */
public final class GradientCheck {
    private final double eps;
    private final double rtol;
    private final double atol;
    private final int maxPerTensor;
    private Runnable beforeForward = () -> { };

    /** Step 1e-2, relative tolerance 2e-3, absolute floor 2e-4, at most 64 elements per weight. */
    public GradientCheck() {
        this(1e-2, 2e-3, 2e-4, 64);
    }

    public GradientCheck(double eps, double rtol, double atol, int maxPerTensor) {
        this.eps = eps;
        this.rtol = rtol;
        this.atol = atol;
        this.maxPerTensor = maxPerTensor;
    }

    /** Runs {@code hook} before every forward pass, e.g. to fix a dropout mask by resetting its step. */
    public GradientCheck beforeEachForward(Runnable hook) {
        this.beforeForward = hook;
        return this;
    }

    /** Checks the input gradient and all trainable weight gradients of {@code layer} at {@code x}. */
    public void check(Layer layer, Tensor x) {
        check(layer, x, Mode.TRAINING);
    }

    /** As {@link #check(Layer, Tensor)}, with forward passes in {@code mode}. */
    public void check(Layer layer, Tensor x, Mode mode) {
        List<String> failures = failures(layer, x, mode);
        if (!failures.isEmpty()) {
            fail("Gradient check of " + layer + " failed at " + failures.size() + " element(s):\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    /** The elements whose analytic and numeric gradients disagree (empty when the check passes). */
    public List<String> failures(Layer layer, Tensor x, Mode mode) {
        layer.setComputeInputGradient(true);
        beforeForward.run();
        Tensor y = layer.forward(x, mode);
        RandomStream r = new RandomStream(99, 1);
        Tensor proj = Tensor.zeros(y.shape());
        for (int i = 0; i < proj.size(); i++) {
            proj.data()[i] = (float) r.nextGaussian();
        }
        Tensor dx = layer.backward(proj).copy();
        List<Tensor> grads = new ArrayList<>();
        List<Parameter> params = layer.trainableWeights();
        for (Parameter p : params) {
            grads.add(p.grad().copy());
        }
        List<String> failures = new ArrayList<>();
        compare("input", x.data(), dx.data(), layer, x, proj, mode, failures);
        for (int k = 0; k < params.size(); k++) {
            compare(params.get(k).path(), params.get(k).value().data(), grads.get(k).data(), layer, x, proj,
                    mode, failures);
        }
        return failures;
    }

    private void compare(String what, float[] values, float[] analytic, Layer layer, Tensor x, Tensor proj,
                         Mode mode, List<String> failures) {
        int n = values.length;
        int stride = Math.max(1, n / maxPerTensor);
        for (int i = 0; i < n; i += stride) {
            float saved = values[i];
            values[i] = (float) (saved + eps);
            double plus = objective(layer, x, proj, mode);
            values[i] = (float) (saved - eps);
            double minus = objective(layer, x, proj, mode);
            values[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic[i];
            double err = Math.abs(a - numeric);
            if (err > atol && err > rtol * Math.max(Math.abs(a), Math.abs(numeric))) {
                failures.add(what + "[" + i + "]: analytic " + a + ", numeric " + numeric);
            }
        }
    }

    private double objective(Layer layer, Tensor x, Tensor proj, Mode mode) {
        beforeForward.run();
        Tensor y = layer.forward(x, mode);
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += (double) y.data()[i] * proj.data()[i];
        }
        return s;
    }

    /** A batch of {@code rows} x {@code cols} normal values, kept away from 0 by at least {@code gap}. */
    public static Tensor input(int rows, int cols, long seed, double gap) {
        RandomStream r = new RandomStream(seed, 7);
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            double v = r.nextGaussian();
            if (Math.abs(v) < gap) {
                v = Math.copySign(gap + Math.abs(v), v);
            }
            t.data()[i] = (float) v;
        }
        return t;
    }
}
