package dev.lamina.layers;

import java.util.Map;

/**
 * A layer's constructor arguments as a value: {@code LayerRegistry.fromConfig(className, config.toMap())}
 * makes a layer whose config equals this one.
 */
public interface LayerConfig {
    /** The layer's name. */
    String name();

    /** The config with Keras' argument names as keys, in Keras' JSON shape. */
    Map<String, Object> toMap();
}
