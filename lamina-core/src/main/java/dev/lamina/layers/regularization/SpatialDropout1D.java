package dev.lamina.layers.regularization;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.tensor.Shape;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Dropout of whole feature channels of a sequence: for inputs {@code [batch, timesteps, features]}
 * one mask per (sample, feature) is shared across all timesteps (noise shape
 * {@code [batch, 1, features]}), as Keras' {@code SpatialDropout1D} (Tompson et al. 2015). Kept
 * values are scaled by {@code 1 / (1 - rate)}; the identity at inference.
 */
public final class SpatialDropout1D extends InvertedDropout {
    /**
     * @param name the layer name, or null for an automatic one
     * @param rate the fraction of channels dropped, in [0, 1)
     * @param seed the layer's own seed, or null to take one from the model's seed
     */
    public record Config(String name, double rate, Long seed) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            NoiseConfig.checkRate("SpatialDropout1D", rate);
        }

        @Override
        public Map<String, Object> toMap() {
            return NoiseConfig.toMap(name, "rate", rate, seed);
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = NoiseConfig.read("SpatialDropout1D", map, "rate", "");
            return new Config(c.string("name", null), c.number("rate", 0), NoiseConfig.seed(c));
        }
    }

    private final Config config;

    /** A SpatialDropout1D layer with {@code config}. */
    public SpatialDropout1D(Config config) {
        super(config.name(), config.seed(), new int[] {-1, 1, -1});
        this.config = config;
    }

    /** {@code SpatialDropout1D(rate)}. */
    public static SpatialDropout1D of(double rate) {
        return new SpatialDropout1D(new Config(null, rate, null));
    }

    @Override
    public String className() {
        return "SpatialDropout1D";
    }

    @Override
    public Config config() {
        return new Config(name(), config.rate(), config.seed());
    }

    @Override
    protected void checkInputShape(Shape inputShape) {
        Check.that(inputShape.rank() == 2, "SpatialDropout1D '" + name() + "' needs inputs of rank 3"
                + " (batch, timesteps, features); received per-sample shape " + inputShape
                + ". For tabular rows use Dropout.");
    }

    @Override
    double dropRate() {
        return config.rate();
    }
}
