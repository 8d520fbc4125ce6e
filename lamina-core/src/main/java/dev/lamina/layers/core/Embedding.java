package dev.lamina.layers.core;

import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.RandomUniform;
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
import java.util.Arrays;
import java.util.Map;

/**
 * Keras' {@code Embedding}: each input value is an integer index into a table of
 * {@code input_dim} learned vectors of {@code output_dim} values, so inputs of per-sample shape
 * {@code (n)} give outputs of shape {@code (n, output_dim)} (follow it with {@link Flatten} before
 * Dense layers that should see all of them at once). A categorical column encoded as an index
 * ({@code CategoricalColumn.output("index")}) is its natural input, with {@code input_dim} its
 * {@code indices()}. Indices arrive as float32 values; one that is not an integer in
 * {@code [0, input_dim)} is refused, naming it (Keras on TensorFlow refuses it too; on JAX it
 * would read a clamped row). {@code mask_zero} is not supported.
 */
public final class Embedding extends Layer {
    /**
     * Embedding's arguments, with Keras' names and defaults.
     *
     * @param name the layer name, or null for an automatic one
     * @param trainable whether the embeddings are trained (default true)
     * @param inputDim the number of indices (vocabulary size), positive
     * @param outputDim the size of each vector, positive
     * @param embeddingsInitializer default {@code uniform} (-0.05 to 0.05)
     * @param embeddingsRegularizer default none
     * @param embeddingsConstraint default none
     */
    public record Config(String name, boolean trainable, int inputDim, int outputDim, Initializer embeddingsInitializer,
                         Regularizer embeddingsRegularizer, Constraint embeddingsConstraint) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.arg(inputDim > 0, "Embedding", "input_dim", inputDim, "a positive integer");
            Check.arg(outputDim > 0, "Embedding", "output_dim", outputDim, "a positive integer");
            Check.notNull(embeddingsInitializer, "Embedding", "embeddingsInitializer");
        }

        /** Keras' defaults. */
        public static Config defaults(int inputDim, int outputDim) {
            return new Config(null, true, inputDim, outputDim, new RandomUniform(-0.05, 0.05, null), null, null);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, trainable);
            m.put("input_dim", inputDim);
            m.put("output_dim", outputDim);
            m.put("embeddings_initializer", ConfigMap.serialize(embeddingsInitializer));
            m.put("embeddings_regularizer", ConfigMap.serialize(embeddingsRegularizer));
            m.put("activity_regularizer", null);
            m.put("embeddings_constraint", ConfigMap.serialize(embeddingsConstraint));
            m.put("mask_zero", false);
            return m;
        }

        /** Reads a Keras-shaped config; absent keys take Keras' defaults. */
        public static Config fromMap(Map<String, Object> map) {
            Check.that(map != null && map.get("input_dim") != null && map.get("output_dim") != null,
                    "Embedding config needs 'input_dim' and 'output_dim' (positive integers).");
            ConfigMap c = new ConfigMap("Embedding config", map);
            Check.that(!c.bool("mask_zero", false), "Embedding: mask_zero=True is not supported; Lamina has no"
                    + " masks.");
            Check.that(map.get("activity_regularizer") == null, "Embedding: activity_regularizer is not supported.");
            return new Config(c.string("name", null), c.bool("trainable", true), c.integer("input_dim", 0),
                    c.integer("output_dim", 0),
                    c.initializer("embeddings_initializer", new RandomUniform(-0.05, 0.05, null)),
                    c.regularizer("embeddings_regularizer"), c.constraint("embeddings_constraint"));
        }
    }

    private final Config config;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Parameter embeddings;
    private Tensor lastInput;

    /** An Embedding layer with {@code config}. */
    public Embedding(Config config) {
        super(config.name(), config.trainable());
        this.config = config;
    }

    /** {@code Embedding(input_dim, output_dim)} with Keras' defaults. */
    public static Embedding of(int inputDim, int outputDim) {
        return new Embedding(Config.defaults(inputDim, outputDim));
    }

    @Override
    public String className() {
        return "Embedding";
    }

    @Override
    public Config config() {
        Config c = config;
        return new Config(name(), trainable(), c.inputDim(), c.outputDim(), c.embeddingsInitializer(),
                c.embeddingsRegularizer(), c.embeddingsConstraint());
    }

    /** The table of vectors, shape {@code [input_dim, output_dim]}. */
    public Parameter embeddings() {
        requireBuilt("embeddings()");
        return embeddings;
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        Check.that(inputShape.rank() >= 1, "Embedding '" + name() + "' needs index inputs of per-sample shape (n),"
                + " received " + inputShape + ".");
        embeddings = addWeight("embeddings", Shape.of(config.inputDim(), config.outputDim()),
                config.embeddingsInitializer(), true, config.embeddingsRegularizer(), config.embeddingsConstraint(),
                init);
        int[] dims = Arrays.copyOf(inputShape.dims(), inputShape.rank() + 1);
        dims[inputShape.rank()] = config.outputDim();
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int d = config.outputDim();
        Tensor y = output.get(x.rows(), outputShape());
        float[] table = embeddings.value().data();
        float[] in = x.data();
        float[] out = y.data();
        for (int i = 0; i < in.length; i++) {
            System.arraycopy(table, index(in[i], i, x) * d, out, i * d, d);
        }
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        int d = config.outputDim();
        float[] g = embeddings.grad().data();
        Arrays.fill(g, 0f);
        float[] in = lastInput.data();
        float[] go = gradOut.data();
        for (int i = 0; i < in.length; i++) {
            int row = (int) in[i] * d;
            for (int k = 0; k < d; k++) {
                g[row + k] += go[i * d + k];
            }
        }
        if (!computeInputGradient()) {
            return null;
        }
        // Indices have no gradient: what comes before an embedding learns nothing through it.
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        Arrays.fill(dx.data(), 0f);
        return dx;
    }

    private int index(float v, int at, Tensor x) {
        int i = (int) v;
        if (i != v || i < 0 || i >= config.inputDim()) {
            int cols = x.size() / x.rows();
            throw new IllegalArgumentException("Embedding '" + name() + "': row " + at / cols + ", input " + at % cols
                    + " is " + v + ", not an index in [0, " + config.inputDim() + "); encode categories as indices"
                    + " (CategoricalColumn output \"index\") and give input_dim the number of indices.");
        }
        return i;
    }
}
