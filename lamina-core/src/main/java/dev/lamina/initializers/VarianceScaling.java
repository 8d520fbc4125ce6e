package dev.lamina.initializers;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws weights with a variance scaled to the weight's fans (Keras' {@code VarianceScaling}),
 * and the named presets built on it.
 *
 * <p>With {@code n} = fan_in, fan_out or their average ({@code mode}):
 * {@code truncated_normal} draws from a normal truncated at two standard deviations with
 * stddev {@code sqrt(scale / n) / 0.87962566103423978}; {@code untruncated_normal} uses stddev
 * {@code sqrt(scale / n)}; {@code uniform} draws from [-limit, limit] with
 * {@code limit = sqrt(3 scale / n)}.
 *
 * @param scale positive scaling factor (default 1)
 * @param mode {@code fan_in} (default), {@code fan_out} or {@code fan_avg}
 * @param distribution {@code truncated_normal} (default), {@code untruncated_normal} or {@code uniform}
 * @param seed the initializer's own seed, or null to use the model's
 * @param className the Keras class name (a preset's name, or {@code VarianceScaling})
 */
public record VarianceScaling(double scale, String mode, String distribution, Long seed, String className)
        implements Initializer {
    /** The stddev of a standard normal truncated to [-2, 2]. */
    static final double TRUNCATED_STDDEV = 0.87962566103423978;

    /** Validates the arguments. */
    public VarianceScaling {
        Check.arg(scale > 0, "VarianceScaling", "scale", scale, "a positive number");
        Check.arg(mode.equals("fan_in") || mode.equals("fan_out") || mode.equals("fan_avg"),
                "VarianceScaling", "mode", mode, "one of fan_in, fan_out, fan_avg");
        Check.arg(distribution.equals("truncated_normal") || distribution.equals("untruncated_normal")
                        || distribution.equals("uniform"), "VarianceScaling", "distribution", distribution,
                "one of truncated_normal, untruncated_normal, uniform");
    }

    /** Glorot (Xavier) uniform: scale 1, fan_avg, uniform — the Dense kernel default. */
    public static VarianceScaling glorotUniform(Long seed) {
        return new VarianceScaling(1, "fan_avg", "uniform", seed, "GlorotUniform");
    }

    /** Glorot (Xavier) normal: scale 1, fan_avg, truncated normal. */
    public static VarianceScaling glorotNormal(Long seed) {
        return new VarianceScaling(1, "fan_avg", "truncated_normal", seed, "GlorotNormal");
    }

    /** He normal: scale 2, fan_in, truncated normal (He et al. 2015). */
    public static VarianceScaling heNormal(Long seed) {
        return new VarianceScaling(2, "fan_in", "truncated_normal", seed, "HeNormal");
    }

    /** He uniform: scale 2, fan_in, uniform. */
    public static VarianceScaling heUniform(Long seed) {
        return new VarianceScaling(2, "fan_in", "uniform", seed, "HeUniform");
    }

    /** LeCun normal: scale 1, fan_in, truncated normal (the SELU companion). */
    public static VarianceScaling lecunNormal(Long seed) {
        return new VarianceScaling(1, "fan_in", "truncated_normal", seed, "LecunNormal");
    }

    /** LeCun uniform: scale 1, fan_in, uniform. */
    public static VarianceScaling lecunUniform(Long seed) {
        return new VarianceScaling(1, "fan_in", "uniform", seed, "LecunUniform");
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (className.equals("VarianceScaling")) {
            c.put("scale", scale);
            c.put("mode", mode);
            c.put("distribution", distribution);
        }
        c.put("seed", seed);
        return c;
    }

    @Override
    public void fill(Tensor weight, RandomStream stream) {
        RandomStream r = Seeded.stream(seed, stream);
        double[] fans = Initializer.fans(weight.shape().dims());
        double n = switch (mode) {
            case "fan_in" -> fans[0];
            case "fan_out" -> fans[1];
            default -> (fans[0] + fans[1]) / 2;
        };
        double s = scale / Math.max(1, n);
        float[] d = weight.data();
        switch (distribution) {
            case "truncated_normal" -> {
                double std = Math.sqrt(s) / TRUNCATED_STDDEV;
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (std * Seeded.truncatedNormal(r));
                }
            }
            case "untruncated_normal" -> {
                double std = Math.sqrt(s);
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (std * r.nextGaussian());
                }
            }
            default -> {
                double limit = Math.sqrt(3 * s);
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) ((2 * r.nextDouble() - 1) * limit);
                }
            }
        }
    }
}
