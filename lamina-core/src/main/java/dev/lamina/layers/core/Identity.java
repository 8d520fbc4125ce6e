package dev.lamina.layers.core;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import java.util.Map;

/** Keras' {@code Identity} layer: passes its input on unchanged (a placeholder in a model). */
public final class Identity extends ElementwiseLayer {
    /** @param name the layer name, or null for an automatic one */
    public record Config(String name) implements LayerConfig {
        @Override
        public Map<String, Object> toMap() {
            return ConfigMap.layerBase(name, true);
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            return new Config(new ConfigMap("Identity config", map).string("name", null));
        }
    }

    /** An Identity layer with {@code config}. */
    public Identity(Config config) {
        super(config.name(), Activations.get("linear"));
    }

    /** {@code Identity()}. */
    public static Identity of() {
        return new Identity(new Config(null));
    }

    @Override
    public String className() {
        return "Identity";
    }

    @Override
    public Config config() {
        return new Config(name());
    }
}
