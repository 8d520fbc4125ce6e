package dev.lamina.constraints;

import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rescales each slice whose L2 norm exceeds {@code maxValue}: {@code w * clip(n, 0, max) / (eps + n)}
 * with eps = 1e-7, as Keras' {@code MaxNorm} (Srivastava et al. 2014 pair it with dropout).
 *
 * @param maxValue the largest norm allowed (Keras default 2)
 * @param axis the axis the norm runs along (default 0: per output unit of a Dense kernel)
 */
public record MaxNorm(double maxValue, int axis) implements Constraint {
    /** Validates the arguments. */
    public MaxNorm {
        Check.arg(maxValue > 0, "MaxNorm", "max_value", maxValue, "a positive number");
        NormAxis.checkAxis("MaxNorm", axis);
    }

    /** {@code MaxNorm(maxValue, axis=0)}. */
    public static MaxNorm of(double maxValue) {
        return new MaxNorm(maxValue, 0);
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_value", maxValue);
        c.put("axis", axis);
        return c;
    }

    @Override
    public void apply(Tensor weight) {
        NormAxis.rescale(weight, axis, n -> Math.min(n, maxValue) / (NormAxis.EPSILON + n));
    }
}
