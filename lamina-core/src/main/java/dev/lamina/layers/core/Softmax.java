package dev.lamina.layers.core;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import java.util.Map;

/**
 * Keras' {@code Softmax} layer over the last axis, the same as {@code Activation("softmax")}.
 * Lamina's rows are flat, so only the last axis ({@code axis=-1}) is supported.
 */
public final class Softmax extends ElementwiseLayer {
    /** @param name the layer name, or null for an automatic one */
    public record Config(String name) implements LayerConfig {
        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("axis", -1);
            return m;
        }

        /** Reads a Keras-shaped config (axis -1 only). */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("Softmax config", map);
            c.lastAxisOnly("takes the softmax");
            return new Config(c.string("name", null));
        }
    }

    /** A Softmax layer with {@code config}. */
    public Softmax(Config config) {
        super(config.name(), Activations.get("softmax"));
    }

    /** {@code Softmax()}. */
    public static Softmax of() {
        return new Softmax(new Config(null));
    }

    @Override
    public String className() {
        return "Softmax";
    }

    @Override
    public Config config() {
        return new Config(name());
    }
}
