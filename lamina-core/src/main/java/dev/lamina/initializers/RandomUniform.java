package dev.lamina.initializers;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws uniformly from [minval, maxval).
 *
 * @param minval the lower bound (default -0.05)
 * @param maxval the upper bound (default 0.05)
 * @param seed the initializer's own seed, or null to use the model's
 */
public record RandomUniform(double minval, double maxval, Long seed) implements Initializer {
    /** Validates the arguments. */
    public RandomUniform {
        Check.arg(maxval >= minval, "RandomUniform", "maxval", maxval, "a number >= minval (" + minval + ")");
    }

    @Override
    public String className() {
        return "RandomUniform";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("minval", minval);
        c.put("maxval", maxval);
        c.put("seed", seed);
        return c;
    }

    @Override
    public void fill(Tensor weight, RandomStream stream) {
        RandomStream r = Seeded.stream(seed, stream);
        float[] d = weight.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (minval + (maxval - minval) * r.nextDouble());
        }
    }
}
