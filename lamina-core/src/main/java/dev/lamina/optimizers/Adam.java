package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
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
public class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
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

    /** Sets beta1 and beta2, each in [0, 1). */
    public Adam betas(double beta1, double beta2) {
        Check.arg(beta1 >= 0 && beta1 < 1, className(), "beta_1", beta1, "a number in [0, 1)");
        Check.arg(beta2 >= 0 && beta2 < 1, className(), "beta_2", beta2, "a number in [0, 1)");
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets epsilon, positive. */
    public Adam epsilon(double epsilon) {
        Check.arg(epsilon > 0, className(), "epsilon", epsilon, "a positive number");
        this.epsilon = epsilon;
        return this;
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
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
        return c;
    }
}
