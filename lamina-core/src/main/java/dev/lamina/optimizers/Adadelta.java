package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adadelta (Zeiler 2012) in Keras 3's form: {@code G = rho G + (1 - rho) g²},
 * {@code d = -sqrt(D + epsilon) g / sqrt(G + epsilon)}, {@code D = rho D + (1 - rho) d²},
 * {@code w += lr d}.
 *
 * <p>Defaults: learning rate 0.001 (Keras'; the paper's method has none, i.e. 1.0), rho 0.95,
 * epsilon 1e-7.
 */
public final class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;

    /** Keras' defaults. */
    public Adadelta() {
        super(0.001);
    }

    /** Sets rho, in [0, 1). */
    public Adadelta rho(double rho) {
        Check.arg(rho >= 0 && rho < 1, className(), "rho", rho, "a number in [0, 1)");
        this.rho = rho;
        return this;
    }

    /** Sets epsilon, positive. */
    public Adadelta epsilon(double epsilon) {
        Check.arg(epsilon > 0, className(), "epsilon", epsilon, "a positive number");
        this.epsilon = epsilon;
        return this;
    }

    @Override
    public String className() {
        return "Adadelta";
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float r = (float) rho;
        float r1 = (float) (1 - rho);
        float eps = (float) epsilon;
        float rate = (float) lr;
        float[] acc = state[0];
        float[] delta = state[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float a = r * acc[i] + r1 * (gi * gi);
            acc[i] = a;
            float d = -((float) Math.sqrt(delta[i] + eps) * gi) / (float) Math.sqrt(a + eps);
            delta[i] = r * delta[i] + r1 * (d * d);
            w[i] += rate * d;
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rho", rho);
        c.put("epsilon", epsilon);
        return c;
    }
}
