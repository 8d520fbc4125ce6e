package dev.lamina.layers.core;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * {@code x} where {@code x >= 0}, else {@code negativeSlope * x}: Keras' {@code LeakyReLU} layer,
 * whose default slope is 0.3 (the {@code leaky_relu} activation's is 0.2). Keras 2 called the slope
 * {@code alpha}; both names are read.
 */
public final class LeakyReLU extends ElementwiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param negativeSlope the slope for negative inputs, finite and &gt;= 0 (default 0.3)
     */
    public record Config(String name, double negativeSlope) implements LayerConfig {
        /** Validates the slope. */
        public Config {
            Check.arg(negativeSlope >= 0 && Double.isFinite(negativeSlope), "LeakyReLU", "negative_slope",
                    negativeSlope, "a finite number >= 0");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("negative_slope", negativeSlope);
            return m;
        }

        /** Reads Keras 3's {@code negative_slope} or Keras 2's {@code alpha}. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("LeakyReLU config", map);
            double slope = c.number("negative_slope", c.number("alpha", 0.3));
            return new Config(c.string("name", null), slope);
        }
    }

    private final Config config;

    /** A LeakyReLU layer with {@code config}. */
    public LeakyReLU(Config config) {
        super(config.name(), Activations.leakyRelu("leaky_relu", config.negativeSlope()));
        this.config = config;
    }

    /** {@code LeakyReLU(negative_slope)}. */
    public static LeakyReLU of(double negativeSlope) {
        return new LeakyReLU(new Config(null, negativeSlope));
    }

    @Override
    public String className() {
        return "LeakyReLU";
    }

    @Override
    public Config config() {
        return new Config(name(), config.negativeSlope());
    }
}
