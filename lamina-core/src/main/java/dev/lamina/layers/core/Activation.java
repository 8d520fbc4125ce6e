package dev.lamina.layers.core;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Applies an activation function to its input, e.g. after a BatchNormalization placed between a
 * Dense layer and its activation. Has no weights; training and inference are the same.
 *
 * <pre>{@code model.add(Activation.of("relu"));}</pre>
 */
public final class Activation extends ElementwiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param activation the activation's Keras name
     */
    public record Config(String name, String activation) implements LayerConfig {
        /** Validates the name. */
        public Config {
            Check.notNull(activation, "Activation", "activation");
            Activations.get(activation);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("activation", activation);
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("Activation config", map);
            Check.that(map != null && map.get("activation") != null, "Activation config needs 'activation'.");
            return new Config(c.string("name", null), c.string("activation", null));
        }
    }

    private final String activationName;

    /** An Activation layer with {@code config}. */
    public Activation(Config config) {
        super(config.name(), Activations.get(config.activation()));
        this.activationName = config.activation();
    }

    /** {@code Activation(name)}. */
    public static Activation of(String activation) {
        return new Activation(new Config(null, activation));
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    public Config config() {
        return new Config(name(), activationName);
    }
}
