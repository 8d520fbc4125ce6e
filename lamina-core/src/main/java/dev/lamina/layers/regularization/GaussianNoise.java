package dev.lamina.layers.regularization;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.random.CounterRandom;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Adds zero-mean Gaussian noise of standard deviation {@code stddev} to each input during training
 * (a regularizer, and a form of data augmentation for real-valued inputs); the identity at
 * inference. The gradient passes through unchanged.
 *
 * <pre>{@code model.add(GaussianNoise.of(0.1));}</pre>
 */
public final class GaussianNoise extends NoiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param stddev the noise's standard deviation, finite and &gt;= 0
     * @param seed the layer's own seed, or null to take one from the model's seed
     */
    public record Config(String name, double stddev, Long seed) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.arg(stddev >= 0 && Double.isFinite(stddev), "GaussianNoise", "stddev", stddev,
                    "a finite number >= 0");
        }

        @Override
        public Map<String, Object> toMap() {
            return NoiseConfig.toMap(name, "stddev", stddev, seed);
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = NoiseConfig.read("GaussianNoise", map, "stddev", "");
            return new Config(c.string("name", null), c.number("stddev", 0), NoiseConfig.seed(c));
        }
    }

    private final Config config;
    private final Buffer output = new Buffer();
    private Tensor lastInput;

    /** A GaussianNoise layer with {@code config}. */
    public GaussianNoise(Config config) {
        super(config.name(), config.seed());
        this.config = config;
    }

    /** {@code GaussianNoise(stddev)}. */
    public static GaussianNoise of(double stddev) {
        return new GaussianNoise(new Config(null, stddev, null));
    }

    @Override
    public String className() {
        return "GaussianNoise";
    }

    @Override
    public Config config() {
        return new Config(name(), config.stddev(), config.seed());
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        lastInput = x;
        if (!mode.drawsNoise() || config.stddev() == 0) {
            return x;
        }
        long key = noiseKey(mode);
        long base = counterBase(mode, x.cols());
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        double s = config.stddev();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) (xd[i] + s * CounterRandom.normal(key, base + i));
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        return computeInputGradient() ? gradOut : null;
    }
}
