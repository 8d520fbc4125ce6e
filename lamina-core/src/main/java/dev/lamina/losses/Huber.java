package dev.lamina.losses;

import dev.lamina.util.Check;
import java.util.Map;

/**
 * Huber loss: {@code 0.5 e²} where {@code |e| <= delta}, else {@code delta (|e| - 0.5 delta)};
 * quadratic near zero, linear for outliers (Huber 1964). Keras' default delta is 1.
 */
public final class Huber extends ElementwiseLoss {
    private final double delta;

    /** Huber with {@code delta} (positive). */
    public Huber(double delta) {
        Check.arg(delta > 0, "Huber", "delta", delta, "a positive number");
        this.delta = delta;
    }

    /** The threshold between the quadratic and linear parts. */
    public double delta() {
        return delta;
    }

    @Override
    public String name() {
        return "huber_loss"; // Keras 3 writes the function name huber_loss (Losses.get also takes "huber")
    }

    @Override
    public String className() {
        return "Huber";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("delta", delta);
    }

    @Override
    double value(double e) {
        double a = Math.abs(e);
        return a <= delta ? 0.5 * e * e : delta * a - 0.5 * delta * delta;
    }

    @Override
    double derivative(double e) {
        return Math.abs(e) <= delta ? e : delta * Math.signum(e);
    }
}
