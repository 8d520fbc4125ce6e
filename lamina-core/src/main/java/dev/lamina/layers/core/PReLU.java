package dev.lamina.layers.core;

import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Constant;
import dev.lamina.initializers.Initializer;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.random.RandomStream;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.List;
import java.util.Map;

/**
 * A leaky ReLU whose negative slopes are learned (He et al. 2015), Keras' {@code PReLU}:
 * {@code x} for {@code x > 0}, else {@code alpha * x}, with one alpha per input element (per
 * feature for a table), or one shared along the axes in {@code shared_axes} (Keras' numbering,
 * where axis 0 is the batch). Alpha starts at zero, so the layer starts as a ReLU. As in Keras,
 * the gradient at exactly 0 is 0.
 */
public final class PReLU extends Layer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param trainable whether alpha trains
     * @param alphaInitializer default zeros
     * @param alphaRegularizer default none
     * @param alphaConstraint default none
     * @param sharedAxes the axes (1 = the first after the batch) along which alpha is shared, or null
     */
    public record Config(String name, boolean trainable, Initializer alphaInitializer, Regularizer alphaRegularizer,
                         Constraint alphaConstraint, List<Integer> sharedAxes) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.notNull(alphaInitializer, "PReLU", "alphaInitializer");
            if (sharedAxes != null) {
                for (Integer a : sharedAxes) {
                    Check.arg(a != null && a >= 1, "PReLU", "shared_axes", sharedAxes, "axes >= 1 (0 is the batch)");
                }
                sharedAxes = List.copyOf(sharedAxes);
            }
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, trainable);
            m.put("alpha_initializer", ConfigMap.serialize(alphaInitializer));
            m.put("alpha_regularizer", ConfigMap.serialize(alphaRegularizer));
            m.put("alpha_constraint", ConfigMap.serialize(alphaConstraint));
            m.put("shared_axes", sharedAxes);
            return m;
        }

        /** Reads a Keras-shaped config; {@code shared_axes} may be one axis or a list. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("PReLU config", map);
            Object shared = map == null ? null : map.get("shared_axes");
            List<Integer> axes = shared instanceof Number one ? List.of(one.intValue()) : c.intList("shared_axes");
            return new Config(c.string("name", null), c.bool("trainable", true),
                    c.initializer("alpha_initializer", Constant.ZEROS), c.regularizer("alpha_regularizer"),
                    c.constraint("alpha_constraint"), axes);
        }
    }

    private final Config config;
    private Parameter alpha;
    /** For each element of a sample, the index of its alpha. */
    private int[] alphaIndex = new int[0];
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;

    /** A PReLU layer with {@code config}. */
    public PReLU(Config config) {
        super(config.name(), config.trainable());
        this.config = config;
    }

    /** {@code PReLU()} with Keras' defaults: one alpha per element, starting at 0. */
    public static PReLU of() {
        return new PReLU(new Config(null, true, Constant.ZEROS, null, null, null));
    }

    @Override
    public String className() {
        return "PReLU";
    }

    @Override
    public Config config() {
        return new Config(name(), trainable(), config.alphaInitializer(), config.alphaRegularizer(),
                config.alphaConstraint(), config.sharedAxes());
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        int[] dims = inputShape.dims();
        int[] alphaDims = dims.clone();
        if (config.sharedAxes() != null) {
            for (int axis : config.sharedAxes()) {
                Check.that(axis <= dims.length, "PReLU '" + name() + "': shared axis " + axis + " is beyond its input's "
                        + dims.length + " axes after the batch (shape " + inputShape + ").");
                alphaDims[axis - 1] = 1;
            }
        }
        alpha = addWeight("alpha", Shape.of(alphaDims), config.alphaInitializer(), true, config.alphaRegularizer(),
                config.alphaConstraint(), init);
        alphaIndex = new int[inputShape.size()];
        for (int i = 0; i < alphaIndex.length; i++) {
            int rest = i;
            int index = 0;
            int stride = 1;
            for (int d = dims.length - 1; d >= 0; d--) {
                int coordinate = rest % dims[d];
                rest /= dims[d];
                index += (alphaDims[d] == 1 ? 0 : coordinate) * stride;
                stride *= alphaDims[d];
            }
            alphaIndex[i] = index;
        }
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        float[] a = alpha.value().data();
        int n = alphaIndex.length;
        for (int i = 0; i < xd.length; i++) {
            float v = xd[i];
            yd[i] = v > 0 ? v : a[alphaIndex[i % n]] * v;
        }
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        float[] xd = lastInput.data();
        float[] dy = gradOut.data();
        float[] a = alpha.value().data();
        float[] da = alpha.grad().data();
        java.util.Arrays.fill(da, 0f);
        int n = alphaIndex.length;
        Tensor dx = computeInputGradient() ? gradIn.get(lastInput.rows(), inputShape()) : null;
        float[] d = dx == null ? null : dx.data();
        for (int i = 0; i < xd.length; i++) {
            float v = xd[i];
            int k = alphaIndex[i % n];
            if (v < 0) {
                da[k] += v * dy[i];
            }
            if (d != null) {
                d[i] = v > 0 ? dy[i] : v < 0 ? a[k] * dy[i] : 0f;
            }
        }
        return dx;
    }
}
