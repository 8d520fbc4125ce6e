package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms") in Keras 3's form:
 * {@code w -= lr sign(beta1 m + (1 - beta1) g)}, then {@code m = beta2 m + (1 - beta2) g}.
 * Every step moves each weight by exactly the learning rate, so Lion wants a learning rate 3 to 10
 * times smaller than Adam's.
 *
 * <p>Defaults: learning rate 0.001, beta1 0.9, beta2 0.99.
 */
public final class Lion extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.99;

    /** Keras' defaults. */
    public Lion() {
        super(0.001);
    }

    /** Sets beta1 in (0, 1] and beta2 in [0, 1) (beta1 = 0 would make it sign SGD, which Keras refuses). */
    public Lion betas(double beta1, double beta2) {
        Check.arg(beta1 > 0 && beta1 <= 1, className(), "beta_1", beta1, "a number in (0, 1]");
        Check.arg(beta2 >= 0 && beta2 < 1, className(), "beta_2", beta2, "a number in [0, 1)");
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    @Override
    public String className() {
        return "Lion";
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float rate = (float) lr;
        float[] m = state[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            w[i] -= rate * Math.signum(m[i] * b1 + gi * c1);
            m[i] = m[i] * b2 + gi * c2;
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        return c;
    }
}
