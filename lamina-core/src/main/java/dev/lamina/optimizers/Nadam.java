package dev.lamina.optimizers;

/**
 * Nadam (Dozat 2016), Adam with Nesterov momentum, in Keras 3's form: with the momentum schedule
 * {@code u_t = beta1 (1 - 0.5 * 0.96^t)} and {@code U_t} the product of {@code u_1..u_t},
 * {@code m += (g - m)(1 - beta1)}, {@code v += (g² - v)(1 - beta2)},
 * {@code m̂ = u_{t+1} m / (1 - U_t u_{t+1}) + (1 - u_t) g / (1 - U_t)},
 * {@code v̂ = v / (1 - beta2^t)}, {@code w -= lr m̂ / (sqrt(v̂) + epsilon)}.
 *
 * <p>Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 */
public final class Nadam extends MomentOptimizer<Nadam> {
    // U_t for the last step asked for (the product runs over every step, so it is kept, not recomputed).
    private long productStep;
    private double product = 1;

    /** Keras' defaults. */
    public Nadam() {
        super(0.001);
    }

    @Override
    protected void betasChanged() {
        productStep = 0;
        product = 1;
    }

    @Override
    public String className() {
        return "Nadam";
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    private double u(long t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t));
    }

    /** U_t, the product of u_1..u_t; threads updating parts of one step ask for the same t. */
    private synchronized double product(long t) {
        if (t < productStep) {
            productStep = 0;
            product = 1;
        }
        while (productStep < t) {
            productStep++;
            product *= u(productStep);
        }
        return product;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        double ut = u(step);
        double ut1 = u(step + 1);
        double pt = product(step);
        float c1 = (float) (ut1 / (1 - pt * ut1));
        float c2 = (float) ((1 - ut) / (1 - pt));
        float vScale = (float) (1 / (1 - Math.pow(beta2, step)));
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        float rate = (float) lr;
        float eps = (float) epsilon;
        float[] m = state[0];
        float[] v = state[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = m[i] + (gi - m[i]) * a1;
            float vi = v[i] + (gi * gi - v[i]) * a2;
            m[i] = mi;
            v[i] = vi;
            float mHat = c1 * mi + c2 * gi;
            w[i] -= mHat * rate / ((float) Math.sqrt(vi * vScale) + eps);
        }
    }
}
