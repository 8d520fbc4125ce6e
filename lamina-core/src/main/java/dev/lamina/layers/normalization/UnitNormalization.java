package dev.lamina.layers.normalization;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Keras' {@code UnitNormalization}: each row scaled to unit Euclidean length over the last axis,
 * {@code y = x * min(1 / sqrt(sum(x²)), 1e12)} (a row of zeros stays zero). No weights; the same in
 * training and inference.
 */
public final class UnitNormalization extends Layer {
    /** Keras' bound on the inverse norm, 1 / its epsilon of 1e-12. */
    private static final double MAX_INVERSE_NORM = 1e12;

    /** @param name the layer name, or null for an automatic one */
    public record Config(String name) implements LayerConfig {
        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("axis", -1);
            return m;
        }

        /** Reads a Keras-shaped config (axis -1 only). */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("UnitNormalization config", map);
            c.lastAxisOnly("normalizes");
            return new Config(c.string("name", null));
        }
    }

    private int width;
    private double[] rowInvNorm = new double[0];
    private boolean[] rowBounded = new boolean[0];
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;

    /** A UnitNormalization layer with {@code config}. */
    public UnitNormalization(Config config) {
        super(config.name(), true);
    }

    /** {@code UnitNormalization()}. */
    public static UnitNormalization of() {
        return new UnitNormalization(new Config(null));
    }

    @Override
    public String className() {
        return "UnitNormalization";
    }

    @Override
    public Config config() {
        return new Config(name());
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        width = inputShape.dim(-1);
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int rows = x.size() / width;
        if (rowInvNorm.length < rows) {
            rowInvNorm = new double[rows];
            rowBounded = new boolean[rows];
        }
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double squares = 0;
            for (int j = 0; j < width; j++) {
                squares += (double) xd[o + j] * xd[o + j];
            }
            double inv = 1 / Math.sqrt(squares);
            rowBounded[r] = !(inv < MAX_INVERSE_NORM);
            inv = Math.min(inv, MAX_INVERSE_NORM);
            rowInvNorm[r] = inv;
            for (int j = 0; j < width; j++) {
                yd[o + j] = (float) (xd[o + j] * inv);
            }
        }
        lastInput = x;
        return y;
    }

    /**
     * With {@code q} the row's inverse norm: {@code dx_i = q dy_i - q³ x_i sum_j(dy_j x_j)}; where the
     * bound held, {@code q} is a constant and {@code dx = q dy}.
     */
    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        int rows = lastInput.size() / width;
        float[] xd = lastInput.data();
        float[] dy = gradOut.data();
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        float[] d = dx.data();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double inv = rowInvNorm[r];
            double k = 0;
            if (!rowBounded[r]) {
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += dy[o + j] * (double) xd[o + j];
                }
                k = inv * inv * inv * sum;
            }
            for (int j = 0; j < width; j++) {
                d[o + j] = (float) (inv * dy[o + j] - k * xd[o + j]);
            }
        }
        return dx;
    }
}
