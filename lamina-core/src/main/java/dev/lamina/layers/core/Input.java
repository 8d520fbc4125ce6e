package dev.lamina.layers.core;

import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares the per-sample shape of a model's inputs (Keras' {@code Input} / {@code InputLayer}).
 * Placed first in a {@code Sequential}, it lets the model build at once, so {@code summary()}
 * works before training. It passes its input through unchanged.
 *
 * <pre>{@code Sequential model = Sequential.of(Input.of(11), Dense.of(1));}</pre>
 */
public final class Input extends Layer {
    /**
     * @param name the layer name, or null for an automatic one ({@code input_layer})
     * @param shape the per-sample shape (without the batch dimension)
     */
    public record Config(String name, Shape shape) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.notNull(shape, "Input", "shape");
        }

        /** Keras' form: {@code batch_shape} with a null batch dimension. */
        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Integer> batchShape = new ArrayList<>();
            batchShape.add(null);
            for (int d : shape.dims()) {
                batchShape.add(d);
            }
            m.put("batch_shape", batchShape);
            m.put("dtype", "float32");
            m.put("sparse", false);
            m.put("name", name);
            return m;
        }

        /** Reads Keras' {@code batch_shape} (or the older {@code batch_input_shape}). */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("InputLayer config", map);
            List<Integer> bs = c.intList("batch_shape");
            if (bs == null) {
                bs = c.intList("batch_input_shape");
            }
            Check.that(bs != null && bs.size() >= 2, "InputLayer config needs 'batch_shape' such as [null, 11],"
                    + " received " + bs + ".");
            int[] dims = new int[bs.size() - 1];
            for (int i = 1; i < bs.size(); i++) {
                Check.that(bs.get(i) != null && bs.get(i) > 0, "InputLayer 'batch_shape' needs known positive"
                        + " sizes after the batch dimension, received " + bs + ".");
                dims[i - 1] = bs.get(i);
            }
            return new Config(c.string("name", null), Shape.of(dims));
        }
    }

    private final Shape shape;

    /** An Input with {@code config}. */
    public Input(Config config) {
        super(config.name(), true);
        this.shape = config.shape();
    }

    /** {@code Input(shape=(dims...))}. */
    public static Input of(int... dims) {
        return new Input(new Config(null, Shape.of(dims)));
    }

    /** The per-sample shape. */
    public Shape shape() {
        return shape;
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    @Override
    public Config config() {
        return new Config(name(), shape);
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        Check.that(inputShape.equals(shape), "InputLayer '" + name() + "' declares shape " + shape.toKerasString()
                + " but was built with " + inputShape.toKerasString() + ".");
        return shape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        return x;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        return gradOut;
    }
}
