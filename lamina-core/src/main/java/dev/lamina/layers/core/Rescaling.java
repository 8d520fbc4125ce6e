package dev.lamina.layers.core;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Ops;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code Rescaling} preprocessing layer: {@code y = x * scale + offset} in float32, the same in
 * training and inference, with no weights. {@code scale} and {@code offset} are each one number for
 * every feature or one per feature (the last axis), as Keras broadcasts them; Keras rounds the
 * product before adding the offset, and so does this layer (no fused multiply-add).
 *
 * <pre>{@code
 * Rescaling pixels = Rescaling.of(1 / 255.0, 0);
 * }</pre>
 */
public final class Rescaling extends Layer {
    /** The most values {@code scale} or {@code offset} may list (one per feature). */
    public static final int MAX_VALUES = 1 << 20;

    /**
     * @param name the layer name, or null for an automatic one
     * @param scale the factors: one for all features, or one per feature
     * @param offset the offsets: one for all features (Keras' default 0), or one per feature
     */
    public record Config(String name, List<Double> scale, List<Double> offset) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.that(scale != null && !scale.isEmpty(), "Rescaling needs a scale (a number, or one per feature).");
            offset = offset == null ? List.of(0.0) : offset;
            for (List<Double> values : List.of(scale, offset)) {
                Check.that(!values.isEmpty() && values.size() <= MAX_VALUES, "Rescaling: scale and offset take one value"
                        + " for all features or one per feature (at most " + MAX_VALUES + ").");
                for (Double v : values) {
                    Check.that(v != null && Double.isFinite(v), "Rescaling: scale and offset must be finite numbers;"
                            + " received " + v + ".");
                }
            }
            scale = List.copyOf(scale);
            offset = List.copyOf(offset);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("scale", scale.size() == 1 ? scale.get(0) : scale);
            m.put("offset", offset.size() == 1 ? offset.get(0) : offset);
            return m;
        }

        /** Reads a Keras-shaped config: numbers, lists, or Keras' serialized NumPy arrays. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("Rescaling config", map);
            List<Double> scale = c.numbers("scale", MAX_VALUES);
            Check.that(scale != null, "Rescaling config needs 'scale' (a number, or one per feature).");
            return new Config(c.string("name", null), scale, c.numbers("offset", MAX_VALUES));
        }
    }

    private final Config config;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private float[] scale = new float[0];
    private float[] offset = new float[0];
    private Tensor lastInput;

    /** A Rescaling layer with {@code config}. */
    public Rescaling(Config config) {
        super(config.name(), true);
        this.config = config;
    }

    /** {@code Rescaling(scale, offset)} with one factor and one offset for every feature. */
    public static Rescaling of(double scale, double offset) {
        return new Rescaling(new Config(null, List.of(scale), List.of(offset)));
    }

    @Override
    public String className() {
        return "Rescaling";
    }

    @Override
    public Config config() {
        return new Config(name(), config.scale(), config.offset());
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        int c = inputShape.dim(-1);
        scale = perFeature("scale", config.scale(), c);
        offset = perFeature("offset", config.offset(), c);
        return inputShape;
    }

    private float[] perFeature(String what, List<Double> values, int c) {
        Check.that(values.size() == 1 || values.size() == c, "Rescaling '" + name() + "' has " + values.size() + " "
                + what + " values but its inputs have " + c + " features; give one per feature, or one for all.");
        float[] out = new float[c];
        for (int j = 0; j < c; j++) {
            out[j] = values.get(values.size() == 1 ? 0 : j).floatValue();
        }
        return out;
    }

    /** The factor of each feature, as float32 (a copy). */
    public float[] scales() {
        requireBuilt("scales()");
        return scale.clone();
    }

    /** The offset of each feature, as float32 (a copy). */
    public float[] offsets() {
        requireBuilt("offsets()");
        return offset.clone();
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int c = scale.length;
        Tensor y = output.get(x.rows(), inputShape());
        Ops.scaleAndShiftRows(x.data(), y.data(), 0, x.size() / c, c, scale, offset);
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        int c = scale.length;
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        float[] g = gradOut.data();
        float[] d = dx.data();
        int n = lastInput.size();
        for (int i = 0; i < n; i += c) {
            for (int j = 0; j < c; j++) {
                d[i + j] = g[i + j] * scale[j];
            }
        }
        return dx;
    }
}
