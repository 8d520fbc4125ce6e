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
import java.util.Map;

/**
 * Keras' {@code RMSNormalization} (Zhang &amp; Sennrich 2019): each row divided by its root mean
 * square over the last axis, then multiplied by a learned {@code scale} (one per feature, starting at
 * 1): {@code y = x / sqrt(mean(x²) + epsilon) * scale}. No centering, no beta; the same in training
 * and inference. Keras' default epsilon here is 1e-6.
 */
public final class RMSNormalization extends Layer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param trainable whether scale trains
     * @param epsilon added to the mean square, &gt; 0 (default 1e-6)
     */
    public record Config(String name, boolean trainable, double epsilon) implements LayerConfig {
        /** Validates epsilon. */
        public Config {
            Check.arg(epsilon > 0 && Double.isFinite(epsilon), "RMSNormalization", "epsilon", epsilon, "a number > 0");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, trainable);
            m.put("axis", -1);
            m.put("epsilon", epsilon);
            return m;
        }

        /** Reads a Keras-shaped config (axis -1 only). */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("RMSNormalization config", map);
            c.lastAxisOnly("normalizes");
            return new Config(c.string("name", null), c.bool("trainable", true), c.number("epsilon", 1e-6));
        }
    }

    private final Config config;
    private Parameter scale;
    private int width;
    private double[] rowInvRms = new double[0];
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;

    /** An RMSNormalization layer with {@code config}. */
    public RMSNormalization(Config config) {
        super(config.name(), config.trainable());
        this.config = config;
    }

    /** {@code RMSNormalization()} with Keras' defaults. */
    public static RMSNormalization of() {
        return new RMSNormalization(new Config(null, true, 1e-6));
    }

    @Override
    public String className() {
        return "RMSNormalization";
    }

    @Override
    public Config config() {
        return new Config(name(), trainable(), config.epsilon());
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        width = inputShape.dim(-1);
        scale = addWeight("scale", Shape.of(width), Constant.ONES, true, null, null, init);
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int rows = x.size() / width;
        if (rowInvRms.length < rows) {
            rowInvRms = new double[rows];
        }
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        float[] s = scale.value().data();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double squares = 0;
            for (int j = 0; j < width; j++) {
                squares += (double) xd[o + j] * xd[o + j];
            }
            double inv = 1 / Math.sqrt(squares / width + config.epsilon());
            rowInvRms[r] = inv;
            for (int j = 0; j < width; j++) {
                yd[o + j] = (float) (xd[o + j] * inv * s[j]);
            }
        }
        lastInput = x;
        return y;
    }

    /** See {@link UncenteredScaling}: the shift is 0. */
    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        float[] ds = scale.grad().data();
        java.util.Arrays.fill(ds, 0f);
        Tensor dx = computeInputGradient() ? gradIn.get(lastInput.rows(), inputShape()) : null;
        UncenteredScaling.backward(lastInput.data(), gradOut.data(), scale.value().data(), null, rowInvRms,
                lastInput.size() / width, width, ds, dx == null ? null : dx.data());
        return dx;
    }
}
