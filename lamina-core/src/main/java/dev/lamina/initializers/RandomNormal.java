package dev.lamina.initializers;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws from a normal distribution; with {@code truncated} the draws beyond two standard
 * deviations are redrawn (Keras' {@code TruncatedNormal}).
 *
 * @param mean the mean (default 0)
 * @param stddev the standard deviation (default 0.05)
 * @param truncated whether to redraw values beyond two standard deviations
 * @param seed the initializer's own seed, or null to use the model's
 */
public record RandomNormal(double mean, double stddev, boolean truncated, Long seed) implements Initializer {
    /** Validates the arguments. */
    public RandomNormal {
        Check.arg(stddev >= 0, truncated ? "TruncatedNormal" : "RandomNormal", "stddev", stddev,
                "a non-negative number");
    }

    @Override
    public String className() {
        return truncated ? "TruncatedNormal" : "RandomNormal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mean", mean);
        c.put("stddev", stddev);
        c.put("seed", seed);
        return c;
    }

    @Override
    public void fill(Tensor weight, RandomStream stream) {
        RandomStream r = Seeded.stream(seed, stream);
        float[] d = weight.data();
        for (int i = 0; i < d.length; i++) {
            double z = truncated ? Seeded.truncatedNormal(r) : r.nextGaussian();
            d[i] = (float) (mean + stddev * z);
        }
    }
}
