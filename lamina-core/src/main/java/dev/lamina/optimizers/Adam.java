package dev.lamina.optimizers;

import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) in Keras 3's form: at step {@code t},
 * {@code alpha = lr sqrt(1 - beta2^t) / (1 - beta1^t)}, {@code m += (g - m)(1 - beta1)},
 * {@code v += (g² - v)(1 - beta2)}, {@code w -= alpha m / (sqrt(v) + epsilon)}; with AMSGrad
 * (Reddi et al. 2018) {@code v} is replaced by its running maximum.
 *
 * <p>Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7 (PyTorch uses 1e-8),
 * no AMSGrad. {@link AdamW} adds decoupled weight decay.
 */
public class Adam extends MomentOptimizer<Adam> {
    private boolean amsgrad;

    /** Keras' defaults. */
    public Adam() {
        super(0.001);
    }

    /** Adam with {@code learningRate}. */
    public static Adam of(double learningRate) {
        Adam a = new Adam();
        a.learningRate(learningRate);
        return a;
    }

    /** Turns AMSGrad on or off. */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    public String className() {
        return "Adam";
    }

    @Override
    protected int slotCount() {
        return amsgrad ? 3 : 2;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float[] m = state[0];
        float[] v = state[1];
        if (amsgrad) {
            float[] vhat = state[2];
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float mi = m[i] + (gi - m[i]) * a1;
                float vi = v[i] + (gi * gi - v[i]) * a2;
                m[i] = mi;
                v[i] = vi;
                float vh = Math.max(vhat[i], vi);
                vhat[i] = vh;
                w[i] -= mi * alpha / ((float) Math.sqrt(vh) + eps);
            }
        } else {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float mi = m[i] + (gi - m[i]) * a1;
                float vi = v[i] + (gi * gi - v[i]) * a2;
                m[i] = mi;
                v[i] = vi;
                w[i] -= mi * alpha / ((float) Math.sqrt(vi) + eps);
            }
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = super.ownConfig();
        c.put("amsgrad", amsgrad);
        return c;
    }
}
