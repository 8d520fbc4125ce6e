package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent, with optional momentum and Nesterov momentum, as Keras 3:
 * without momentum {@code w -= lr g}; with momentum {@code v = momentum v - lr g}, then
 * {@code w += v}, or with Nesterov {@code w += momentum v - lr g}.
 *
 * <p>Defaults: learning rate 0.01, momentum 0, no Nesterov.
 */
public final class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;

    /** Keras' defaults. */
    public SGD() {
        super(0.01);
    }

    /** SGD with {@code learningRate}. */
    public static SGD of(double learningRate) {
        SGD s = new SGD();
        s.learningRate(learningRate);
        return s;
    }

    /** Sets the momentum, in [0, 1]. */
    public SGD momentum(double momentum) {
        Check.arg(momentum >= 0 && momentum <= 1, "SGD", "momentum", momentum, "a number in [0, 1]");
        this.momentum = momentum;
        return this;
    }

    /** Turns Nesterov momentum on or off. */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    public String className() {
        return "SGD";
    }

    @Override
    protected int slotCount() {
        return momentum != 0 ? 1 : 0;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float rate = (float) lr;
        if (momentum == 0 || state.length == 0) {
            for (int i = from; i < to; i++) {
                w[i] -= g[i] * rate;
            }
            return;
        }
        float mu = (float) momentum;
        float[] v = state[0];
        if (nesterov) {
            for (int i = from; i < to; i++) {
                float vi = v[i] * mu - g[i] * rate;
                v[i] = vi;
                w[i] += vi * mu - g[i] * rate;
            }
        } else {
            for (int i = from; i < to; i++) {
                float vi = v[i] * mu - g[i] * rate;
                v[i] = vi;
                w[i] += vi;
            }
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }
}
