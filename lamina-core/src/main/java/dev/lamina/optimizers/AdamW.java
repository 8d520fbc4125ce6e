package dev.lamina.optimizers;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019), as Keras 3's {@code AdamW}:
 * before each Adam update, {@code w -= w * weightDecay * lr}. Default weight decay 0.004 (PyTorch's
 * AdamW uses 0.01); other defaults as {@link Adam}.
 */
public final class AdamW extends Adam {
    /** Keras' defaults (weight decay 0.004). */
    public AdamW() {
        weightDecay(0.004);
    }

    /** AdamW with {@code learningRate} and {@code weightDecay}. */
    public static AdamW of(double learningRate, double weightDecay) {
        AdamW a = new AdamW();
        a.learningRate(learningRate);
        a.weightDecay(weightDecay);
        return a;
    }

    @Override
    public String className() {
        return "AdamW";
    }
}
