package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop (Hinton, lecture 6e) as Keras 3: {@code s = rho s + (1 - rho) g²}; when centered also
 * {@code a = rho a + (1 - rho) g} and the denominator is {@code s - a² + epsilon}, else
 * {@code s + epsilon}; the increment is {@code lr g / sqrt(denominator)} (epsilon inside the root);
 * with momentum {@code m = momentum m + increment} and {@code w -= m}, else {@code w -= increment}.
 *
 * <p>Defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered.
 */
public final class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

    /** Keras' defaults. */
    public RMSprop() {
        super(0.001);
    }

    /** RMSprop with {@code learningRate}. */
    public static RMSprop of(double learningRate) {
        RMSprop r = new RMSprop();
        r.learningRate(learningRate);
        return r;
    }

    /** Sets rho, in [0, 1). */
    public RMSprop rho(double rho) {
        Check.arg(rho >= 0 && rho < 1, "RMSprop", "rho", rho, "a number in [0, 1)");
        this.rho = rho;
        return this;
    }

    /** Sets the momentum, in [0, 1]. */
    public RMSprop momentum(double momentum) {
        Check.arg(momentum >= 0 && momentum <= 1, "RMSprop", "momentum", momentum, "a number in [0, 1]");
        this.momentum = momentum;
        return this;
    }

    /** Sets epsilon, positive. */
    public RMSprop epsilon(double epsilon) {
        Check.arg(epsilon > 0, "RMSprop", "epsilon", epsilon, "a positive number");
        this.epsilon = epsilon;
        return this;
    }

    /** Turns centering on or off. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    public String className() {
        return "RMSprop";
    }

    @Override
    protected int slotCount() {
        return 3;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float r = (float) rho;
        float r1 = (float) (1 - rho);
        float rate = (float) lr;
        float eps = (float) epsilon;
        float mu = (float) momentum;
        float[] s = state[0];
        float[] a = state[1];
        float[] m = state[2];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float si = r * s[i] + r1 * (gi * gi);
            s[i] = si;
            float denominator;
            if (centered) {
                float ai = r * a[i] + r1 * gi;
                a[i] = ai;
                denominator = si - ai * ai + eps;
            } else {
                denominator = si + eps;
            }
            float increment = rate * gi / (float) Math.sqrt(denominator);
            if (momentum > 0) {
                float mi = mu * m[i] + increment;
                m[i] = mi;
                w[i] -= mi;
            } else {
                w[i] -= increment;
            }
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
        return c;
    }
}
