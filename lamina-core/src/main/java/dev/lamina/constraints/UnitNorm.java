package dev.lamina.constraints;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Divides each slice by its L2 norm (plus 1e-7), as Keras' {@code UnitNorm}.
 *
 * @param axis the axis the norm runs along (default 0)
 */
public record UnitNorm(int axis) implements Constraint {
    /** Validates the axis. */
    public UnitNorm {
        NormAxis.checkAxis("UnitNorm", axis);
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("axis", axis);
    }

    @Override
    public void apply(Tensor weight) {
        NormAxis.rescale(weight, axis, n -> 1 / (NormAxis.EPSILON + n));
    }
}
