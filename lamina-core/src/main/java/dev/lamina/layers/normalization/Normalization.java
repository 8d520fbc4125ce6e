package dev.lamina.layers.normalization;

import dev.lamina.initializers.Constant;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.List;
import java.util.Map;

/**
 * Standardizes each feature (the last axis) with a fixed mean and variance, learned from data by
 * {@link #adapt(Tensor)} or given (one value per feature, or one for all): {@code y = (x - mean) /
 * max(sqrt(variance), 1e-7)}, or the inverse with {@code invert}. Keras' preprocessing layer: the in-model alternative to scaling the data
 * outside (the statistics are saved with the model as non-trainable weights).
 *
 * <pre>{@code
 * Normalization norm = Normalization.of();
 * norm.adapt(xTrain);   // per-feature mean and (population) variance
 * Sequential model = Sequential.of(Input.of(11), norm, Dense.of(64, "relu"), Dense.of(1));
 * }</pre>
 */
public final class Normalization extends Layer {
    private static final double EPSILON = 1e-7;

    /**
     * @param name the layer name, or null for an automatic one
     * @param mean the given means, one per feature or one for all features, or null to adapt
     * @param variance the given variances, as many as the means, or null to adapt
     * @param invert whether to undo the normalization instead
     */
    public record Config(String name, List<Double> mean, List<Double> variance, boolean invert) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.that((mean == null) == (variance == null), "Normalization: give both mean and variance, or neither"
                    + " (and call adapt(data)).");
            if (variance != null) {
                Check.that(mean.size() == variance.size(), "Normalization: mean has " + mean.size() + " values but"
                        + " variance has " + variance.size() + ".");
                for (double v : variance) {
                    Check.arg(v >= 0, "Normalization", "variance", v, "values >= 0");
                }
                mean = List.copyOf(mean);
                variance = List.copyOf(variance);
            }
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("axis", List.of(-1));
            m.put("invert", invert);
            m.put("mean", mean);
            m.put("variance", variance);
            return m;
        }

        /** Reads a Keras-shaped config (axis -1 only). */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("Normalization config", map);
            c.lastAxisOnly("normalizes");
            return new Config(c.string("name", null), c.numbers("mean", Integer.MAX_VALUE),
                    c.numbers("variance", Integer.MAX_VALUE), c.bool("invert", false));
        }
    }

    private final Config config;
    private Parameter mean;
    private Parameter variance;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private float[] inv = new float[0];
    private Tensor lastInput;
    private boolean adapted;

    /** A Normalization layer with {@code config}. */
    public Normalization(Config config) {
        super(config.name(), true);
        this.config = config;
    }

    /** {@code Normalization()}, to be adapted. */
    public static Normalization of() {
        return new Normalization(new Config(null, null, null, false));
    }

    @Override
    public String className() {
        return "Normalization";
    }

    @Override
    public Config config() {
        return new Config(name(), config.mean(), config.variance(), config.invert());
    }

    /** Learns each feature's mean and population variance from {@code data}, building the layer if needed. */
    public void adapt(Tensor data) {
        Check.notNull(data, "Normalization", "data");
        Check.state(config.mean() == null, this + " was given its mean and variance; it cannot adapt.");
        if (!built()) {
            build(data.shape().withoutBatch());
        }
        int c = inputShape().dim(-1);
        Check.that(data.size() % c == 0 && data.shape().dim(-1) == c, this + " has " + c + " features but received"
                + " data of shape " + data.shape() + ".");
        int n = data.size() / c;
        double[] m = new double[c];
        double[] v = new double[c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                m[j] += data.data()[i * c + j];
            }
        }
        for (int j = 0; j < c; j++) {
            m[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double d = data.data()[i * c + j] - m[j];
                v[j] += d * d;
            }
        }
        for (int j = 0; j < c; j++) {
            mean.value().data()[j] = (float) m[j];
            variance.value().data()[j] = (float) (v[j] / n);
        }
        adapted = true;
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        int c = inputShape.dim(-1);
        if (config.mean() != null) {
            Check.that(config.mean().size() == c || config.mean().size() == 1, "Normalization '" + name() + "' was given "
                    + config.mean().size() + " means but its inputs have " + c + " features (give one per feature, or one"
                    + " for all).");
        }
        mean = addWeight("mean", Shape.of(c), Constant.ZEROS, false, null, null, init);
        variance = addWeight("variance", Shape.of(c), Constant.ONES, false, null, null, init);
        if (config.mean() != null) {
            boolean one = config.mean().size() == 1;
            for (int j = 0; j < c; j++) {
                mean.value().data()[j] = config.mean().get(one ? 0 : j).floatValue();
                variance.value().data()[j] = config.variance().get(one ? 0 : j).floatValue();
            }
            adapted = true;
        }
        inv = new float[c];
        return inputShape;
    }

    /** Whether the statistics were adapted or given (a loaded model counts as adapted). */
    public boolean adapted() {
        return adapted;
    }

    /** Marks the statistics as set (after loading weights). */
    public void markAdapted() {
        adapted = true;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int c = inv.length;
        float[] m = mean.value().data();
        for (int j = 0; j < c; j++) {
            inv[j] = (float) Math.max(Math.sqrt(variance.value().data()[j]), EPSILON);
        }
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            int j = i % c;
            yd[i] = config.invert() ? m[j] + xd[i] * inv[j] : (xd[i] - m[j]) / inv[j];
        }
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        int c = inv.length;
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        float[] g = gradOut.data();
        float[] d = dx.data();
        for (int i = 0; i < g.length; i++) {
            int j = i % c;
            d[i] = config.invert() ? g[i] * inv[j] : g[i] / inv[j];
        }
        return dx;
    }
}
