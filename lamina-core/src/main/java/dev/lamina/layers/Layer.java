package dev.lamina.layers;

import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Initializer;
import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step of a model: it maps a batch of inputs to a batch of outputs and, in training, maps the
 * gradient of the loss with respect to its outputs back to its inputs and its weights.
 *
 * <p>Lifecycle, as in Keras: the constructor validates and stores the config; {@link #build(Shape)}
 * creates the weights for a per-sample input shape (after which the layer is locked to that
 * shape); {@link #forward} and {@link #backward} then run batches. Shapes here are per sample:
 * a batch adds a leading dimension.
 *
 * <p>{@code forward} and {@code backward} return the layer's own work buffers, reused from call to
 * call while the batch size is unchanged, so a training step allocates nothing. {@code backward}
 * uses what the last {@code forward} kept and overwrites (does not add to) the weight gradients.
 */
public abstract class Layer {
    /** The key of Keras' activity regularizer in a layer config. */
    public static final String ACTIVITY_REGULARIZER = "activity_regularizer";

    private final String name;
    private boolean trainable;
    private Shape inputShape;
    private Shape outputShape;
    private final List<Parameter> weights = new ArrayList<>();
    private boolean computeInputGradient = true;
    /** What the build in progress may still allocate. */
    private WeightBudget budget = WeightBudget.UNLIMITED;
    /** The layer whose weights the build in progress takes instead of allocating, or null. */
    private Layer sharedFrom;
    /** Keras' {@code activity_regularizer}: a penalty on this layer's outputs, or null. */
    private Regularizer activityRegularizer;

    /**
     * @param name the layer's name, or null for an automatic one ({@code dense}, {@code dense_1}, ...)
     * @param trainable whether the optimizer updates this layer's weights
     */
    protected Layer(String name, boolean trainable) {
        this.name = name == null || name.isEmpty() ? Names.unique(Names.snake(className())) : name;
        this.trainable = trainable;
    }

    /** The Keras class name, e.g. {@code Dense}: the name this layer is saved under. */
    public abstract String className();

    /** The layer's name, unique within its model. */
    public final String name() {
        return name;
    }

    /** Whether the optimizer updates this layer's weights. */
    public final boolean trainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes this layer's weights; takes effect at the next step. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** The constructor arguments as a value; the registry makes an equal layer from it. */
    public abstract LayerConfig config();

    /**
     * The config as Keras writes it: {@link #config()}'s map, with the {@code activity_regularizer}
     * that every Keras layer takes when this layer has one.
     */
    public final Map<String, Object> configMap() {
        Map<String, Object> m = config().toMap();
        if (activityRegularizer != null) {
            m = new LinkedHashMap<>(m);
            m.put(ACTIVITY_REGULARIZER, ConfigMap.serialize(activityRegularizer));
        }
        return m;
    }

    /**
     * The penalty on this layer's outputs that training adds to the loss (Keras' {@code
     * activity_regularizer}), or null. As in Keras, the penalty of a batch is divided by its rows, it
     * counts in the reported {@code loss} and {@code val_loss}, and its gradient flows back through
     * the layer; predictions do not change.
     */
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /** Sets (or, with null, removes) the penalty on this layer's outputs; see {@link #activityRegularizer()}. */
    public void setActivityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
    }

    /** Whether {@link #build} has run. */
    public final boolean built() {
        return outputShape != null;
    }

    /** Builds with weights drawn from the default seed (0); models pass their own stream. */
    public final void build(Shape inputShape) {
        build(inputShape, new RandomStream(0, Streams.INIT + (name.hashCode() & 0xFFFFL)));
    }

    /**
     * Creates the weights for per-sample inputs of {@code inputShape}, drawing from {@code init}.
     * Building again with the same shape does nothing.
     *
     * @throws IllegalArgumentException when the shape does not suit the layer, or differs from
     *     the shape it was built with
     */
    public final void build(Shape inputShape, RandomStream init) {
        build(inputShape, init, WeightBudget.UNLIMITED);
    }

    /**
     * {@link #build(Shape, RandomStream)} creating at most what {@code budget} allows: each weight
     * is taken from it before it is allocated (a model read from a file uses the file's weights as
     * its budget).
     *
     * @throws IllegalArgumentException also when a weight does not fit the budget
     */
    public final void build(Shape inputShape, RandomStream init, WeightBudget budget) {
        Check.notNull(inputShape, className(), "inputShape");
        Check.notNull(budget, className(), "budget");
        if (built()) {
            Check.that(this.inputShape.equals(inputShape), className() + " '" + name + "' was built for inputs of shape "
                    + this.inputShape + " and cannot take " + inputShape + "; make a new layer.");
            return;
        }
        this.budget = budget;
        try {
            Shape out = doBuild(inputShape, init);
            this.inputShape = inputShape;
            this.outputShape = out;
        } finally {
            this.budget = WeightBudget.UNLIMITED;
        }
    }

    /**
     * Builds this layer, made from {@code source}'s config ({@code LayerRegistry.fromConfig}), on
     * {@code source}'s weights: the very same tensors, not copies, so that a write to one is a write
     * to both. Its buffers and kernels' state are its own. This is how a model runs inference on
     * several threads at once: one such replica per thread, one set of weights.
     *
     * @throws IllegalArgumentException when {@code source} is not built, is of another class, or
     *     declares other weights
     */
    public final void buildSharing(Layer source) {
        Check.that(source.built(), className() + " '" + name + "': cannot share the weights of unbuilt " + source + ".");
        Check.that(source.className().equals(className()), className() + " '" + name + "' cannot share the weights of "
                + source + ".");
        sharedFrom = source;
        try {
            build(source.inputShape(), new RandomStream(0, 0));
        } finally {
            sharedFrom = null;
        }
        Check.that(weights.size() == source.weights.size(), className() + " '" + name + "' has " + weights.size()
                + " weights but " + source + " has " + source.weights.size() + "; build it from the same config.");
    }

    /** Creates the weights (with {@link #addWeight}) and returns the per-sample output shape. */
    protected abstract Shape doBuild(Shape inputShape, RandomStream init);

    /** Creates a weight of this layer, filled by {@code initializer}. */
    protected final Parameter addWeight(String weightName, Shape shape, Initializer initializer, boolean trainable,
                                        Regularizer regularizer, Constraint constraint, RandomStream init) {
        if (sharedFrom != null) {
            Check.that(weights.size() < sharedFrom.weights.size(), "Layer '" + name + "' creates more weights than "
                    + sharedFrom + " has.");
            Parameter source = sharedFrom.weights.get(weights.size());
            Check.that(source.name().equals(weightName) && source.value().shape().equals(shape), "Layer '" + name
                    + "' cannot share " + source.path() + " " + source.value().shape() + " as its " + weightName + " "
                    + shape + "; build it from the same config.");
            // A replica only runs inference: no gradient, no regularizer, no constraint.
            Parameter shared = new Parameter(this, weightName, source.value(), false, null, null);
            weights.add(shared);
            return shared;
        }
        budget.take(name + "/" + weightName, shape.size());
        Tensor value = Tensor.zeros(shape);
        initializer.fill(value, init);
        Parameter p = new Parameter(this, weightName, value, trainable, regularizer, constraint);
        weights.add(p);
        return p;
    }

    /**
     * The non-trainable weights a forward pass in training mode updates (BatchNormalization's
     * moving statistics), empty for most layers. Gradients computed apart carry them, so that a
     * driver can merge them by their mean before one update, as Keras' distribution strategies
     * aggregate such variables (their {@code aggregation} is {@code MEAN}).
     */
    public List<Parameter> trainingState() {
        return List.of();
    }

    /**
     * How many training passes this layer has counted, for a layer whose behaviour depends on the
     * count (a noise layer's masks, BatchNormalization's renorm warm-up; PyTorch calls it
     * {@code num_batches_tracked}), or -1 for a layer that counts none. Training backups save it,
     * and resumed runs restore it with {@link #restoreTrainingPasses}.
     */
    public long trainingPasses() {
        return -1;
    }

    /** Restores {@link #trainingPasses()} (to resume a run); a layer that counts none ignores it. */
    public void restoreTrainingPasses(long passes) {
    }

    /** The per-sample input shape this layer was built for. */
    public final Shape inputShape() {
        requireBuilt("inputShape()");
        return inputShape;
    }

    /** The per-sample output shape. */
    public final Shape outputShape() {
        requireBuilt("outputShape()");
        return outputShape;
    }

    /**
     * Runs a batch forward.
     *
     * @param x a batch whose per-sample shape is {@link #inputShape()}
     * @param mode training or inference
     * @return this layer's output buffer (valid until the next call)
     */
    public abstract Tensor forward(Tensor x, Mode mode);

    /**
     * Runs the gradient back through the last forward call: fills each trainable weight's
     * {@link Parameter#grad()} and returns the gradient with respect to the input (or null when
     * {@link #computeInputGradient()} is false).
     */
    public abstract Tensor backward(Tensor gradOut);

    /** Whether backward computes the input gradient (the first layer of a model skips it). */
    public final boolean computeInputGradient() {
        return computeInputGradient;
    }

    /** Lets a model skip the input gradient of its first layer. */
    public final void setComputeInputGradient(boolean compute) {
        this.computeInputGradient = compute;
    }

    /** All weights in creation order: trainable and non-trainable. */
    public final List<Parameter> weights() {
        return Collections.unmodifiableList(weights);
    }

    /** The weights the optimizer updates now. */
    public final List<Parameter> trainableWeights() {
        return weights.stream().filter(Parameter::trainable).toList();
    }

    /** The weights the optimizer does not update: state, and everything when the layer is frozen. */
    public final List<Parameter> nonTrainableWeights() {
        return weights.stream().filter(p -> !p.trainable()).toList();
    }

    /** The number of scalar weights. */
    public final long countParams() {
        long n = 0;
        for (Parameter p : weights) {
            n += p.value().size();
        }
        return n;
    }

    /** The sum of the regularizers' penalties on this layer's weights. */
    public double regularizationLoss() {
        double s = 0;
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = weights.get(i);
            if (p.regularizer() != null && p.trainable()) {
                s += p.regularizer().penalty(p.value().data(), p.value().size());
            }
        }
        return s;
    }

    /** Checks that a batch matches the built input shape; the error names both shapes. */
    protected final void checkInput(Tensor x) {
        requireBuilt("forward(...)");
        Shape s = x.shape();
        boolean ok = s.rank() == inputShape.rank() + 1;
        for (int i = 0; ok && i < inputShape.rank(); i++) {
            ok = s.dim(i + 1) == inputShape.dim(i);
        }
        if (!ok) {
            throw new IllegalArgumentException(className() + " '" + name + "' expected inputs of shape "
                    + inputShape.toKerasString() + " but received shape " + s
                    + "; check the previous layer's output or the data's columns.");
        }
    }

    /** Throws a clear error when {@code backward} comes before any {@code forward}. */
    protected final void requireForward(Object lastInput) {
        if (lastInput == null) {
            throw new IllegalStateException(this + ": backward(...) needs a forward(...) first.");
        }
    }

    /** Throws a clear error when the layer is not built. */
    protected final void requireBuilt(String what) {
        if (!built()) {
            throw new IllegalStateException(className() + " '" + name + "' is not built: call build(inputShape) or"
                    + " add it to a model before " + what + ".");
        }
    }

    @Override
    public String toString() {
        return className() + " '" + name + "'";
    }
}
