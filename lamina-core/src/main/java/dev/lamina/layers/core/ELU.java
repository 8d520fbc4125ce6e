package dev.lamina.layers.core;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.util.Check;
import java.util.Map;

/** Keras' {@code ELU} layer: {@code x} for {@code x > 0}, else {@code alpha * (exp(x) - 1)}. */
public final class ELU extends ElementwiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param alpha the scale of the negative part, finite (default 1)
     */
    public record Config(String name, double alpha) implements LayerConfig {
        /** Validates alpha. */
        public Config {
            Check.arg(Double.isFinite(alpha), "ELU", "alpha", alpha, "a finite number");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("alpha", alpha);
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("ELU config", map);
            return new Config(c.string("name", null), c.number("alpha", 1.0));
        }
    }

    private final Config config;

    /** An ELU layer with {@code config}. */
    public ELU(Config config) {
        super(config.name(), Activations.elu("elu", config.alpha()));
        this.config = config;
    }

    /** {@code ELU(alpha)}. */
    public static ELU of(double alpha) {
        return new ELU(new Config(null, alpha));
    }

    @Override
    public String className() {
        return "ELU";
    }

    @Override
    public Config config() {
        return new Config(name(), config.alpha());
    }
}
