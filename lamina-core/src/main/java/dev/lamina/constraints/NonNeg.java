package dev.lamina.constraints;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/** Sets negative weights to zero, as Keras' {@code NonNeg}. */
public record NonNeg() implements Constraint {
    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public void apply(Tensor weight) {
        float[] d = weight.data();
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                d[i] = 0;
            }
        }
    }
}
