package dev.lamina.layers.regularization;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zeroes each input unit with probability {@code rate} during training and scales the kept ones
 * by {@code 1 / (1 - rate)} (inverted dropout), so the expected output equals the input and
 * inference needs no rescaling: at inference the layer is the identity.
 *
 * <p>Training: {@code y = x / (1 - rate)} where the unit is kept, {@code 0} where dropped; the
 * backward pass uses the same mask and scale. Srivastava et al., "Dropout: A Simple Way to Prevent
 * Neural Networks from Overfitting", JMLR 15 (2014): dropping units at random stops the network
 * from building co-adapted "conspiracies" of weights, and training it amounts to training an
 * ensemble of thinned networks that share weights.
 *
 * <p>{@code rate} is the fraction dropped, as in Keras and PyTorch; Deeplearning4j's
 * {@code Dropout(p)} takes the probability of <em>retaining</em> a unit instead, so DL4J's 0.7 is
 * Lamina's 0.3. Keras 3 also accepts {@code rate = 1} (all zeros); Lamina refuses it, since such a
 * layer passes nothing and no gradient.
 *
 * <pre>{@code model.add(Dropout.of(0.3));}</pre>
 */
public final class Dropout extends InvertedDropout {
    /**
     * @param name the layer name, or null for an automatic one
     * @param rate the fraction of units dropped in training, in [0, 1)
     * @param noiseShape Keras' {@code noise_shape} (batch first, -1 for the input's size), or null
     * @param seed the layer's own seed, or null to take one from the model's seed
     */
    public record Config(String name, double rate, List<Integer> noiseShape, Long seed) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            NoiseConfig.checkRate("Dropout", rate);
            noiseShape = noiseShape == null ? null : List.copyOf(noiseShape);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = NoiseConfig.toMap(name, "rate", rate, seed);
            m.put("noise_shape", noiseShapeForKeras(noiseShape));
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = NoiseConfig.read("Dropout", map, "rate", " (a number in [0, 1))");
            return new Config(c.string("name", null), c.number("rate", 0), noiseShapeFromKeras(c.intList("noise_shape")),
                    NoiseConfig.seed(c));
        }
    }

    private final Config config;

    /** A Dropout layer with {@code config}. */
    public Dropout(Config config) {
        super(config.name(), config.seed(), toArray(config.noiseShape()));
        this.config = config;
    }

    /** {@code Dropout(rate)}. */
    public static Dropout of(double rate) {
        return new Dropout(new Config(null, rate, null, null));
    }

    /** {@code Dropout(rate, seed=seed)}. */
    public static Dropout of(double rate, long seed) {
        return new Dropout(new Config(null, rate, null, seed));
    }

    /** The fraction of units dropped in training. */
    public double rate() {
        return config.rate();
    }

    @Override
    public String className() {
        return "Dropout";
    }

    @Override
    public Config config() {
        return new Config(name(), config.rate(), config.noiseShape(), config.seed());
    }

    @Override
    protected void checkInputShape(Shape inputShape) {
        NoiseShape.check(toString(), noiseShapeArray(), inputShape.rank());
    }

    @Override
    double dropRate() {
        return config.rate();
    }

    static List<Object> noiseShapeForKeras(List<Integer> noiseShape) {
        if (noiseShape == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int d : noiseShape) {
            out.add(d == -1 ? null : d);
        }
        return out;
    }

    static List<Integer> noiseShapeFromKeras(List<Integer> keras) {
        if (keras == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (Integer d : keras) {
            out.add(d == null ? -1 : d);
        }
        return out;
    }

    static int[] toArray(List<Integer> list) {
        return list == null ? null : list.stream().mapToInt(Integer::intValue).toArray();
    }
}
