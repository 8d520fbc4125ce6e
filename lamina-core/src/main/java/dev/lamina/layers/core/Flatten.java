package dev.lamina.layers.core;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Keras' {@code Flatten}: each sample's values as one axis, e.g. {@code (n, d)} to {@code (n * d)}.
 * The values keep their order (row-major, Keras' {@code channels_last}); nothing is learned.
 */
public final class Flatten extends Layer {
    /**
     * Flatten's arguments.
     *
     * @param name the layer name, or null for an automatic one
     */
    public record Config(String name) implements LayerConfig {
        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("data_format", "channels_last");
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("Flatten config", map);
            String format = c.string("data_format", "channels_last");
            Check.that(format == null || format.equals("channels_last"), "Flatten: data_format '" + format
                    + "' is not supported; Lamina's tensors are channels_last.");
            return new Config(c.string("name", null));
        }
    }

    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;

    /** A Flatten layer with {@code config}. */
    public Flatten(Config config) {
        super(config.name(), true);
    }

    /** {@code Flatten()}. */
    public static Flatten of() {
        return new Flatten(new Config(null));
    }

    @Override
    public String className() {
        return "Flatten";
    }

    @Override
    public Config config() {
        return new Config(name());
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        return Shape.of(inputShape.size());
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        Tensor y = output.get(x.rows(), outputShape());
        System.arraycopy(x.data(), 0, y.data(), 0, x.size());
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        System.arraycopy(gradOut.data(), 0, dx.data(), 0, gradOut.size());
        return dx;
    }
}
