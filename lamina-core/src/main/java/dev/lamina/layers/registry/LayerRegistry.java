package dev.lamina.layers.registry;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.ELU;
import dev.lamina.layers.core.Embedding;
import dev.lamina.layers.core.Flatten;
import dev.lamina.layers.core.Identity;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.core.LeakyReLU;
import dev.lamina.layers.core.PReLU;
import dev.lamina.layers.core.ReLU;
import dev.lamina.layers.core.Rescaling;
import dev.lamina.layers.core.Softmax;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.BatchNormalizationConfig;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.normalization.Normalization;
import dev.lamina.layers.normalization.RMSNormalization;
import dev.lamina.layers.normalization.UnitNormalization;
import dev.lamina.layers.regularization.ActivityRegularization;
import dev.lamina.layers.regularization.AlphaDropout;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.GaussianDropout;
import dev.lamina.layers.regularization.GaussianNoise;
import dev.lamina.layers.regularization.SpatialDropout1D;
import dev.lamina.regularizers.Regularizer;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The closed registry from a Keras class name to a layer factory. Nothing is ever loaded by a
 * class name found in a file: a name not registered here is refused.
 */
public final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new TreeMap<>();

    static {
        register("Dense", m -> new Dense(Dense.Config.fromMap(m)));
        register("Activation", m -> new Activation(Activation.Config.fromMap(m)));
        register("Embedding", m -> new Embedding(Embedding.Config.fromMap(m)));
        register("Flatten", m -> new Flatten(Flatten.Config.fromMap(m)));
        register("InputLayer", m -> new Input(Input.Config.fromMap(m)));
        register("BatchNormalization", m -> new BatchNormalization(BatchNormalizationConfig.fromMap(m)));
        register("LayerNormalization", m -> new LayerNormalization(LayerNormalization.Config.fromMap(m)));
        register("LeakyReLU", m -> new LeakyReLU(LeakyReLU.Config.fromMap(m)));
        register("ReLU", m -> new ReLU(ReLU.Config.fromMap(m)));
        register("ELU", m -> new ELU(ELU.Config.fromMap(m)));
        register("PReLU", m -> new PReLU(PReLU.Config.fromMap(m)));
        register("Softmax", m -> new Softmax(Softmax.Config.fromMap(m)));
        register("Identity", m -> new Identity(Identity.Config.fromMap(m)));
        register("Normalization", m -> new Normalization(Normalization.Config.fromMap(m)));
        register("RMSNormalization", m -> new RMSNormalization(RMSNormalization.Config.fromMap(m)));
        register("UnitNormalization", m -> new UnitNormalization(UnitNormalization.Config.fromMap(m)));
        register("Dropout", m -> new Dropout(Dropout.Config.fromMap(m)));
        register("GaussianDropout", m -> new GaussianDropout(GaussianDropout.Config.fromMap(m)));
        register("GaussianNoise", m -> new GaussianNoise(GaussianNoise.Config.fromMap(m)));
        register("AlphaDropout", m -> new AlphaDropout(AlphaDropout.Config.fromMap(m)));
        register("SpatialDropout1D", m -> new SpatialDropout1D(SpatialDropout1D.Config.fromMap(m)));
        register("ActivityRegularization", m -> new ActivityRegularization(ActivityRegularization.Config.fromMap(m)));
        register("Rescaling", m -> new Rescaling(Rescaling.Config.fromMap(m)));
    }

    private LayerRegistry() {}

    /** Adds a built-in layer; for Lamina's own modules. */
    static synchronized void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    /**
     * Makes the layer of Keras class {@code className} from a Keras-shaped {@code config}, with the
     * {@code activity_regularizer} any Keras layer may carry ({@link Layer#activityRegularizer()}).
     *
     * @throws IllegalArgumentException for a class Lamina does not provide, listing those it does
     */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Unknown layer class '" + className + "'; Lamina provides: "
                    + String.join(", ", FACTORIES.keySet()) + ".");
        }
        Layer layer = f.apply(config);
        Regularizer activity = new ConfigMap(className + " config", config).regularizer(Layer.ACTIVITY_REGULARIZER);
        if (activity != null) {
            layer.setActivityRegularizer(activity);
        }
        return layer;
    }

    /** Makes a layer equal in config to the one {@code config} describes. */
    public static Layer fromConfig(String className, LayerConfig config) {
        return fromConfig(className, config.toMap());
    }

    /** Makes a layer equal in config to {@code layer}, its activity regularizer included; unbuilt. */
    public static Layer copyOf(Layer layer) {
        return fromConfig(layer.className(), layer.configMap());
    }

    /** The registered class names. */
    public static Map<String, Function<Map<String, Object>, Layer>> factories() {
        return Collections.unmodifiableMap(FACTORIES);
    }
}
