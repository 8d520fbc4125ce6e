package dev.lamina.layers.core;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Keras' {@code ReLU} layer: {@code max(x, 0)} by default, with an optional ceiling
 * ({@code max_value}), a {@code threshold} below which the output is damped, and a
 * {@code negative_slope} for inputs below the threshold:
 * {@code f(x) = min(x, max_value)} for {@code x > threshold}, else {@code negative_slope * (x - threshold)}.
 */
public final class ReLU extends ElementwiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param maxValue the largest output, &gt;= 0, or null for none (default)
     * @param negativeSlope the slope below the threshold, &gt;= 0 (default 0)
     * @param threshold the input below which the output is damped, &gt;= 0 (default 0)
     */
    public record Config(String name, Double maxValue, double negativeSlope, double threshold) implements LayerConfig {
        /** Validates the arguments as Keras does. */
        public Config {
            Check.arg(maxValue == null || maxValue >= 0 && !maxValue.isNaN(), "ReLU", "max_value", maxValue,
                    "a number >= 0, or none");
            Check.arg(negativeSlope >= 0 && Double.isFinite(negativeSlope), "ReLU", "negative_slope", negativeSlope,
                    "a finite number >= 0");
            Check.arg(threshold >= 0 && Double.isFinite(threshold), "ReLU", "threshold", threshold,
                    "a finite number >= 0");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("max_value", maxValue);
            m.put("negative_slope", negativeSlope);
            m.put("threshold", threshold);
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("ReLU config", map);
            Object max = map == null ? null : map.get("max_value");
            return new Config(c.string("name", null), max == null ? null : c.number("max_value", 0),
                    c.number("negative_slope", 0), c.number("threshold", 0));
        }
    }

    private final Config config;

    /** A ReLU layer with {@code config}. */
    public ReLU(Config config) {
        super(config.name(), Activations.relu("relu", config.negativeSlope(), config.maxValue(), config.threshold()));
        this.config = config;
    }

    /** {@code ReLU()}: {@code max(x, 0)}. */
    public static ReLU of() {
        return new ReLU(new Config(null, null, 0, 0));
    }

    @Override
    public String className() {
        return "ReLU";
    }

    @Override
    public Config config() {
        return new Config(name(), config.maxValue(), config.negativeSlope(), config.threshold());
    }
}
