package dev.lamina.layers.regularization;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Dropout for self-normalizing networks (SELU; Klambauer et al., "Self-Normalizing Neural
 * Networks", NeurIPS 2017): dropped units are set to SELU's negative saturation
 * {@code alpha' = -scale * alpha} instead of 0, then an affine map {@code a x + b} restores the
 * inputs' mean and variance, with {@code a = ((1 - rate)(1 + rate alpha'^2))^(-1/2)} and
 * {@code b = -a alpha' rate}. Training only; the identity at inference. The gradient is
 * {@code a} where kept, 0 where dropped.
 *
 * <pre>{@code model.add(Dense.builder(64).activation("selu").kernelInitializer(Initializers.get("lecun_normal")).build());
 * model.add(AlphaDropout.of(0.1));}</pre>
 */
public final class AlphaDropout extends NoiseLayer {
    /** SELU's negative saturation value. */
    static final double ALPHA_P = -Activations.SELU_ALPHA * Activations.SELU_SCALE;

    /**
     * @param name the layer name, or null for an automatic one
     * @param rate the fraction of units dropped, in [0, 1)
     * @param noiseShape Keras' {@code noise_shape} (batch first, -1 for the input's size), or null
     * @param seed the layer's own seed, or null to take one from the model's seed
     */
    public record Config(String name, double rate, List<Integer> noiseShape, Long seed) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            NoiseConfig.checkRate("AlphaDropout", rate);
            noiseShape = noiseShape == null ? null : List.copyOf(noiseShape);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = NoiseConfig.toMap(name, "rate", rate, seed);
            m.put("noise_shape", Dropout.noiseShapeForKeras(noiseShape));
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = NoiseConfig.read("AlphaDropout", map, "rate", "");
            return new Config(c.string("name", null), c.number("rate", 0),
                    Dropout.noiseShapeFromKeras(c.intList("noise_shape")), NoiseConfig.seed(c));
        }
    }

    private final Config config;
    private final DropoutMask mask;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;
    private boolean[] lastKeep;

    /** An AlphaDropout layer with {@code config}. */
    public AlphaDropout(Config config) {
        super(config.name(), config.seed());
        this.config = config;
        this.mask = new DropoutMask(Dropout.toArray(config.noiseShape()));
    }

    /** {@code AlphaDropout(rate)}. */
    public static AlphaDropout of(double rate) {
        return new AlphaDropout(new Config(null, rate, null, null));
    }

    @Override
    public String className() {
        return "AlphaDropout";
    }

    @Override
    public Config config() {
        return new Config(name(), config.rate(), config.noiseShape(), config.seed());
    }

    @Override
    protected void checkInputShape(Shape inputShape) {
        NoiseShape.check("AlphaDropout '" + name() + "'", mask.noiseShape(), inputShape.rank());
    }

    private double a() {
        double r = config.rate();
        return Math.pow((1 - r) * (1 + r * ALPHA_P * ALPHA_P), -0.5);
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        lastInput = x;
        if (!mode.drawsNoise() || config.rate() == 0) {
            lastKeep = null;
            return x;
        }
        boolean[] keep = mask.draw(x, config.rate(), noiseKey(mode), mode, this);
        double a = a();
        double b = -a * ALPHA_P * config.rate();
        float dropped = (float) (a * ALPHA_P + b);
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = keep[i] ? (float) (a * xd[i] + b) : dropped;
        }
        lastKeep = keep;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        if (lastKeep == null) {
            return gradOut;
        }
        float a = (float) a();
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        float[] g = gradOut.data();
        float[] d = dx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = lastKeep[i] ? g[i] * a : 0f;
        }
        return dx;
    }
}
