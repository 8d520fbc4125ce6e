package dev.lamina.layers.core;

import dev.lamina.activations.ActivationFunction;
import dev.lamina.activations.Activations;
import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Constant;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.VarianceScaling;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.random.RandomStream;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Epilogue;
import dev.lamina.tensor.Ops;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Transpose;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * A fully connected layer: {@code y = activation(x · kernel + bias)}, with {@code kernel} of shape
 * {@code [inputs, units]} (Keras' layout) and {@code bias} of shape {@code [units]}. It acts on the
 * last axis; training and inference are the same.
 *
 * <pre>{@code
 * Dense hidden = Dense.of(512, "relu");
 * Dense out = Dense.builder(1).kernelRegularizer(L1L2.l2(1e-4)).build();
 * }</pre>
 */
public final class Dense extends Layer {
    /**
     * Dense's arguments, with Keras' names and defaults ({@link #defaults(int)}).
     *
     * @param name the layer name, or null for an automatic one
     * @param trainable whether the weights are trained (default true)
     * @param units the number of outputs, positive
     * @param activation the activation's Keras name (default {@code linear})
     * @param useBias whether to add a bias (default true)
     * @param kernelInitializer default {@code glorot_uniform}
     * @param biasInitializer default {@code zeros}
     * @param kernelRegularizer default none
     * @param biasRegularizer default none
     * @param kernelConstraint default none
     * @param biasConstraint default none
     */
    public record Config(String name, boolean trainable, int units, String activation, boolean useBias,
                         Initializer kernelInitializer, Initializer biasInitializer,
                         Regularizer kernelRegularizer, Regularizer biasRegularizer,
                         Constraint kernelConstraint, Constraint biasConstraint) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.arg(units > 0, "Dense", "units", units, "a positive integer");
            activation = activation == null ? "linear" : activation;
            Activations.get(activation);
            Check.notNull(kernelInitializer, "Dense", "kernelInitializer");
            Check.notNull(biasInitializer, "Dense", "biasInitializer");
        }

        /** Keras' defaults for {@code units}. */
        public static Config defaults(int units) {
            return new Config(null, true, units, "linear", true, VarianceScaling.glorotUniform(null),
                    Constant.ZEROS, null, null, null, null);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, trainable);
            m.put("units", units);
            m.put("activation", activation);
            m.put("use_bias", useBias);
            m.put("kernel_initializer", ConfigMap.serialize(kernelInitializer));
            m.put("bias_initializer", ConfigMap.serialize(biasInitializer));
            m.put("kernel_regularizer", ConfigMap.serialize(kernelRegularizer));
            m.put("bias_regularizer", ConfigMap.serialize(biasRegularizer));
            m.put("kernel_constraint", ConfigMap.serialize(kernelConstraint));
            m.put("bias_constraint", ConfigMap.serialize(biasConstraint));
            return m;
        }

        /**
         * Reads a Keras-shaped config; absent keys take Keras' defaults. An {@code activity_regularizer}
         * belongs to every layer, not to this config: {@code LayerRegistry.fromConfig} reads it.
         */
        public static Config fromMap(Map<String, Object> map) {
            Check.that(map != null && map.get("units") != null, "Dense config needs 'units' (a positive integer).");
            ConfigMap c = new ConfigMap("Dense config", map);
            Config d = defaults(1);
            return new Config(c.string("name", null), c.bool("trainable", true), c.integer("units", 0),
                    c.string("activation", "linear"), c.bool("use_bias", true),
                    c.initializer("kernel_initializer", d.kernelInitializer()),
                    c.initializer("bias_initializer", d.biasInitializer()),
                    c.regularizer("kernel_regularizer"), c.regularizer("bias_regularizer"),
                    c.constraint("kernel_constraint"), c.constraint("bias_constraint"));
        }
    }

    private final Config config;
    private final ActivationFunction activation;
    private Parameter kernel;
    private Parameter bias;
    private final Buffer preact = new Buffer();
    private final Buffer output = new Buffer();
    private final Buffer gradPre = new Buffer();
    private final Buffer gradIn = new Buffer();
    private final ActivationPass pass = new ActivationPass();
    private Tensor lastInput;
    private Tensor lastPre;
    private Tensor lastOut;
    /** The last fused product's epilogue without an affine, kept while its arrays stay the same. */
    private Epilogue plainEpilogue;
    /** The last fused product's epilogue with a following BatchNormalization's affine, likewise. */
    private Epilogue affineEpilogue;

    /** A Dense layer with {@code config}. */
    public Dense(Config config) {
        super(config.name(), config.trainable());
        this.activation = Activations.get(config.activation());
        this.config = config;
    }

    /** {@code Dense(units)} with no activation. */
    public static Dense of(int units) {
        return new Dense(Config.defaults(units));
    }

    /** {@code Dense(units, activation=...)}. */
    public static Dense of(int units, String activation) {
        return builder(units).activation(activation).build();
    }

    /** A builder starting from Keras' defaults. */
    public static Builder builder(int units) {
        return new Builder(units);
    }

    @Override
    public String className() {
        return "Dense";
    }

    @Override
    public Config config() {
        Config c = config;
        return new Config(name(), trainable(), c.units(), c.activation(), c.useBias(), c.kernelInitializer(),
                c.biasInitializer(), c.kernelRegularizer(), c.biasRegularizer(), c.kernelConstraint(),
                c.biasConstraint());
    }

    /** The number of outputs. */
    public int units() {
        return config.units();
    }

    /** The activation. */
    public ActivationFunction activation() {
        return activation;
    }

    /** The kernel, shape {@code [inputs, units]}. */
    public Parameter kernel() {
        requireBuilt("kernel()");
        return kernel;
    }

    /** The bias, shape {@code [units]}, or null without bias. */
    public Parameter bias() {
        requireBuilt("bias()");
        return bias;
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        Check.that(inputShape.rank() >= 1, "Dense '" + name() + "' needs inputs with at least one feature axis,"
                + " received per-sample shape " + inputShape + ".");
        int in = inputShape.dim(-1);
        kernel = addWeight("kernel", Shape.of(in, config.units()), config.kernelInitializer(), true,
                config.kernelRegularizer(), config.kernelConstraint(), init);
        if (config.useBias()) {
            bias = addWeight("bias", Shape.of(config.units()), config.biasInitializer(), true,
                    config.biasRegularizer(), config.biasConstraint(), init);
        }
        int[] dims = inputShape.dims();
        dims[dims.length - 1] = config.units();
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        if (fusesActivation()) {
            // Bias and relu in the product's stores: one pass over the output fewer. Relu's
            // derivative reads its input only as x > 0, which its output y answers alike.
            Tensor y = fusedProduct(x, null, null);
            lastInput = x;
            lastPre = y;
            lastOut = y;
            return y;
        }
        int units = config.units();
        int in = inputShape().dim(-1);
        int m = x.size() / in;
        Tensor z = preact.get(x.rows(), outputShape());
        dev.lamina.tensor.Backends.current().gemm(Transpose.NO, Transpose.NO, m, units, in, 1f, x.data(), in,
                kernel.value().data(), units, 0f, z.data(), units);
        Tensor y = z;
        boolean linear = activation.name().equals("linear");
        if (!linear) {
            y = output.get(x.rows(), outputShape());
        }
        if (!linear || bias != null) {
            pass.forward(linear ? null : activation, z.data(), bias == null ? null : bias.value().data(), y.data(), m,
                    units);
        }
        lastInput = x;
        lastPre = z;
        lastOut = y;
        return y;
    }

    /** Whether {@link #forwardInference} applies this layer's activation in its product (linear and relu). */
    public boolean fusesActivation() {
        String a = activation.name();
        return a.equals("linear") || a.equals("relu");
    }

    /**
     * The inference output followed by a per-unit affine {@code y * scale + shift} (a
     * BatchNormalization's inference transform, {@link
     * dev.lamina.layers.normalization.BatchNormalization#inferenceScaleShift()}), in one product:
     * the bias, the activation and the affine are applied as each tile of the output is stored
     * ({@link dev.lamina.tensor.Epilogue}) instead of in passes over the output afterwards. The
     * same bits as {@code forward(x, Mode.INFERENCE)} followed by that layer's inference pass.
     * {@code scale} and {@code shift} null: the plain inference output. Keeps nothing for a
     * backward pass. Needs {@link #fusesActivation()}.
     */
    public Tensor forwardInference(Tensor x, float[] scale, float[] shift) {
        checkInput(x);
        Check.state(fusesActivation(), "Dense '" + name() + "': forwardInference applies linear and relu only,"
                + " not " + activation.name() + "; use forward(x, Mode.INFERENCE).");
        Tensor y = fusedProduct(x, scale, shift);
        lastInput = null;
        return y;
    }

    /**
     * The product into the output buffer with bias, activation (linear or relu) and the affine
     * {@code scale}, {@code shift} (both null: none) applied in its stores.
     */
    private Tensor fusedProduct(Tensor x, float[] scale, float[] shift) {
        int units = config.units();
        int in = inputShape().dim(-1);
        Tensor y = output.get(x.rows(), outputShape());
        dev.lamina.tensor.Backends.current().gemm(Transpose.NO, Transpose.NO, x.size() / in, units, in, 1f, x.data(),
                in, kernel.value().data(), units, 0f, y.data(), units, epilogue(scale, shift));
        return y;
    }

    /**
     * The epilogue for bias, activation and {@code scale}, {@code shift}: the one kept for such
     * calls while its arrays stay the same (one kept without an affine, one with, so that training
     * and a following BatchNormalization's inference each reuse theirs), else a new one.
     */
    private Epilogue epilogue(float[] scale, float[] shift) {
        float[] b = bias == null ? null : bias.value().data();
        boolean relu = activation.name().equals("relu");
        Epilogue e = scale == null ? plainEpilogue : affineEpilogue;
        if (e == null || e.bias() != b || e.relu() != relu || e.scale() != scale || e.shift() != shift) {
            e = new Epilogue(b, relu, scale, shift);
            if (scale == null) {
                plainEpilogue = e;
            } else {
                affineEpilogue = e;
            }
        }
        return e;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        return backward(gradOut, null, 0f);
    }

    /** Whether {@link #backwardThroughMask} applies: this layer's activation can take a dropout's mask. */
    public boolean takesDropoutMask() {
        return activation.hasGradientThroughMask();
    }

    /**
     * {@link #backward} of {@code keep ? gradOut / keepProb : 0}, the gradient an inverted dropout
     * right after this layer passes back ({@link dev.lamina.layers.KeepMaskLayer}), with the mask
     * applied in the same pass as the activation's derivative: one pass over the gradient fewer,
     * the same bits (as XLA fuses them). Only where {@link #takesDropoutMask()}.
     */
    public Tensor backwardThroughMask(Tensor gradOut, boolean[] keep, float keepProb) {
        // The messages are built only on failure: this runs in every training step.
        if (!takesDropoutMask()) {
            throw new IllegalStateException("Dense '" + name() + "': backwardThroughMask needs an activation that"
                    + " takes a dropout mask (relu), not " + activation.name() + "; use backward.");
        }
        if (keep == null || keep.length < gradOut.size()) {
            throw new IllegalArgumentException("Dense '" + name() + "': the dropout mask covers "
                    + (keep == null ? 0 : keep.length) + " elements, the gradient has " + gradOut.size() + ".");
        }
        return backward(gradOut, keep, keepProb);
    }

    private Tensor backward(Tensor gradOut, boolean[] keep, float keepProb) {
        requireForward(lastInput);
        int units = config.units();
        int in = inputShape().dim(-1);
        int m = lastInput.size() / in;
        Tensor dz = gradOut;
        if (!activation.name().equals("linear")) {
            // A null mask is the plain derivative; a mask comes only with relu (takesDropoutMask).
            dz = gradPre.get(lastInput.rows(), outputShape());
            pass.backwardThroughMask(activation, lastPre.data(), lastOut.data(), gradOut.data(), keep, keepProb,
                    dz.data(), m, units);
        }
        dev.lamina.tensor.Backends.current().gemm(Transpose.YES, Transpose.NO, in, units, m, 1f,
                lastInput.data(), in, dz.data(), units, 0f, kernel.grad().data(), units);
        if (bias != null) {
            Ops.sumRows(dz.data(), m, units, bias.grad().data());
        }
        if (!computeInputGradient()) {
            return null;
        }
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        dev.lamina.tensor.Backends.current().gemm(Transpose.NO, Transpose.YES, m, in, units, 1f, dz.data(), units,
                kernel.value().data(), units, 0f, dx.data(), in);
        return dx;
    }

    /** Builds a {@link Dense} from Keras' defaults. */
    public static final class Builder {
        private final Config defaults;
        private String name;
        private boolean trainable = true;
        private final int units;
        private String activation = "linear";
        private boolean useBias = true;
        private Initializer kernelInitializer;
        private Initializer biasInitializer;
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;
        private Constraint kernelConstraint;
        private Constraint biasConstraint;

        private Builder(int units) {
            this.defaults = Config.defaults(units);
            this.units = units;
            this.kernelInitializer = defaults.kernelInitializer();
            this.biasInitializer = defaults.biasInitializer();
        }

        /** The layer name (default: automatic). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The activation's Keras name (default {@code linear}). */
        public Builder activation(String activation) {
            this.activation = activation;
            return this;
        }

        /** Whether to add a bias (default true). */
        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        /** The kernel initializer (default {@code glorot_uniform}). */
        public Builder kernelInitializer(Initializer initializer) {
            this.kernelInitializer = initializer;
            return this;
        }

        /** The bias initializer (default {@code zeros}). */
        public Builder biasInitializer(Initializer initializer) {
            this.biasInitializer = initializer;
            return this;
        }

        /** The kernel regularizer (default none). */
        public Builder kernelRegularizer(Regularizer regularizer) {
            this.kernelRegularizer = regularizer;
            return this;
        }

        /** The bias regularizer (default none). */
        public Builder biasRegularizer(Regularizer regularizer) {
            this.biasRegularizer = regularizer;
            return this;
        }

        /** The kernel constraint (default none). */
        public Builder kernelConstraint(Constraint constraint) {
            this.kernelConstraint = constraint;
            return this;
        }

        /** The bias constraint (default none). */
        public Builder biasConstraint(Constraint constraint) {
            this.biasConstraint = constraint;
            return this;
        }

        /** Whether the weights are trained (default true). */
        public Builder trainable(boolean trainable) {
            this.trainable = trainable;
            return this;
        }

        /** The layer. */
        public Dense build() {
            return new Dense(new Config(name, trainable, units, activation, useBias, kernelInitializer,
                    biasInitializer, kernelRegularizer, biasRegularizer, kernelConstraint, biasConstraint));
        }
    }
}
