package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adamax (Kingma &amp; Ba 2015, section 7), Adam with the infinity norm, in Keras 3's form:
 * {@code m += (g - m)(1 - beta1)}, {@code u = max(beta2 u, |g|)},
 * {@code w -= lr m / ((1 - beta1^t)(u + epsilon))}.
 *
 * <p>Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 */
public final class Adamax extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    /** Keras' defaults. */
    public Adamax() {
        super(0.001);
    }

    /** Sets beta1 and beta2, each in [0, 1). */
    public Adamax betas(double beta1, double beta2) {
        Check.arg(beta1 >= 0 && beta1 < 1, className(), "beta_1", beta1, "a number in [0, 1)");
        Check.arg(beta2 >= 0 && beta2 < 1, className(), "beta_2", beta2, "a number in [0, 1)");
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets epsilon, positive. */
    public Adamax epsilon(double epsilon) {
        Check.arg(epsilon > 0, className(), "epsilon", epsilon, "a positive number");
        this.epsilon = epsilon;
        return this;
    }

    @Override
    public String className() {
        return "Adamax";
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float rate = (float) (lr / (1 - Math.pow(beta1, step)));
        float a1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float[] m = state[0];
        float[] u = state[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = m[i] + (gi - m[i]) * a1;
            float ui = Math.max(b2 * u[i], Math.abs(gi));
            m[i] = mi;
            u[i] = ui;
            w[i] -= rate * mi / (ui + eps);
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }
}
