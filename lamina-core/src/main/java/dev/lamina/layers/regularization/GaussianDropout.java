package dev.lamina.layers.regularization;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.random.CounterRandom;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Multiplies each input by Gaussian noise of mean 1 and standard deviation
 * {@code sqrt(rate / (1 - rate))} during training (Srivastava et al. 2014, §10: the continuous
 * counterpart of dropout with the same variance); the identity at inference. The backward pass
 * multiplies by the same noise.
 *
 * <pre>{@code model.add(GaussianDropout.of(0.3));}</pre>
 */
public final class GaussianDropout extends NoiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param rate the equivalent drop probability, in [0, 1)
     * @param seed the layer's own seed, or null to take one from the model's seed
     */
    public record Config(String name, double rate, Long seed) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            NoiseConfig.checkRate("GaussianDropout", rate);
        }

        @Override
        public Map<String, Object> toMap() {
            return NoiseConfig.toMap(name, "rate", rate, seed);
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = NoiseConfig.read("GaussianDropout", map, "rate", "");
            return new Config(c.string("name", null), c.number("rate", 0), NoiseConfig.seed(c));
        }
    }

    private final Config config;
    private final Buffer output = new Buffer();
    private final Buffer noise = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;
    private Tensor lastNoise;

    /** A GaussianDropout layer with {@code config}. */
    public GaussianDropout(Config config) {
        super(config.name(), config.seed());
        this.config = config;
    }

    /** {@code GaussianDropout(rate)}. */
    public static GaussianDropout of(double rate) {
        return new GaussianDropout(new Config(null, rate, null));
    }

    @Override
    public String className() {
        return "GaussianDropout";
    }

    @Override
    public Config config() {
        return new Config(name(), config.rate(), config.seed());
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        lastInput = x;
        if (!mode.drawsNoise() || config.rate() == 0) {
            lastNoise = null;
            return x;
        }
        double stddev = Math.sqrt(config.rate() / (1 - config.rate()));
        long key = noiseKey(mode);
        long base = counterBase(mode, x.cols());
        Tensor n = noise.get(x.rows(), inputShape());
        Tensor y = output.get(x.rows(), inputShape());
        float[] nd = n.data();
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            nd[i] = (float) (1 + stddev * CounterRandom.normal(key, base + i));
            yd[i] = xd[i] * nd[i];
        }
        lastNoise = n;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        if (lastNoise == null) {
            return gradOut;
        }
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        float[] g = gradOut.data();
        float[] nd = lastNoise.data();
        float[] d = dx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = g[i] * nd[i];
        }
        return dx;
    }
}
