package dev.lamina.optimizers;

/**
 * Adamax (Kingma &amp; Ba 2015, section 7), Adam with the infinity norm, in Keras 3's form:
 * {@code m += (g - m)(1 - beta1)}, {@code u = max(beta2 u, |g|)},
 * {@code w -= lr m / ((1 - beta1^t)(u + epsilon))}.
 *
 * <p>Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 */
public final class Adamax extends MomentOptimizer<Adamax> {

    /** Keras' defaults. */
    public Adamax() {
        super(0.001);
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
}
