package dev.lamina.models;

import dev.lamina.callbacks.History;
import dev.lamina.callbacks.Logs;
import dev.lamina.callbacks.TrainableModel;
import dev.lamina.data.Batch;
import dev.lamina.data.DataSource;
import dev.lamina.data.EncodeReport;
import dev.lamina.data.Table;
import dev.lamina.io.WeightFiles;
import dev.lamina.layers.KeepMaskLayer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Names;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.WeightBudget;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.Optimizers;
import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A plain stack of layers, each feeding the next: the model of the lesson.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(
 *     Input.of(11),
 *     Dense.of(512, "relu"),
 *     Dense.of(512, "relu"),
 *     Dense.of(1));
 * model.compile(new Adam(), Losses.get("mae"));
 * History h = model.fit(x, y, FitOptions.defaults().epochs(100).batchSize(256).validationSplit(0.2));
 * Tensor predictions = model.predict(xNew);
 * }</pre>
 *
 * <p>With an {@link Input} first, the model builds when first needed ({@code summary()},
 * {@code predict}, {@code fit}, {@code weights()}); otherwise it builds on the first
 * {@code fit}/{@code predict} from the data's shape. Weights are drawn from the model's
 * {@link #seed(long) seed} (random if none is set), so one seed gives one model, bit for bit.
 * <p>Thread safety: one model may be shared between threads. {@code predict} calls run in
 * parallel, each on its thread's replica of the layers, which shares this model's weight tensors
 * (its own buffers, no copy of the weights; see {@code InferenceReplicas}); the results are the
 * same bits as from one thread. What changes or reads the
 * whole model ({@code fit}, {@code trainOnBatch}, {@code evaluate}, {@code save},
 * {@code loadWeights}, {@code copy}, {@code add}, {@code setPreprocessing}) runs alone: it waits
 * for the predictions in progress, and new ones wait for it. Writing into a weight's tensor
 * ({@code weights().get(i).value().data()}) while predictions run is the caller's to order.
 */
public final class Sequential implements TrainableModel {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private final ActivityPenalties activity = new ActivityPenalties();
    private Input input;
    private Shape inputShape;
    private Long seed;
    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    /** The step that trainOnBatch reuses; made again after compile or add. */
    private TrainingStep trainingStep;
    private volatile boolean stopTraining;
    private Preprocessing preprocessing;
    /** Predictions share it; what changes the model takes it alone. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final InferenceReplicas replicas = new InferenceReplicas(this, lock::getReadLockCount);

    /** An empty model named automatically ({@code sequential}, {@code sequential_1}, ...). */
    public Sequential() {
        this(null);
    }

    /** An empty model named {@code name} (null for automatic). */
    public Sequential(String name) {
        this.name = name == null || name.isEmpty() ? Names.unique("sequential") : name;
    }

    /** A model of {@code layers}, in order. */
    public static Sequential of(Layer... layers) {
        Sequential s = new Sequential();
        for (Layer l : layers) {
            s.add(l);
        }
        return s;
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /**
     * Appends a layer. An {@link Input} may only come first. When the model is already built, the
     * layer is built at once for the previous layer's output.
     *
     * @throws IllegalArgumentException for a second Input, a layer already in the model, or a duplicate name
     */
    public Sequential add(Layer layer) {
        Check.notNull(layer, "Sequential", "layer");
        return exclusively(() -> addNow(layer));
    }

    private Sequential addNow(Layer layer) {
        trainingStep = null;
        replicas.clear();
        if (layer instanceof Input in) {
            Check.that(layers.isEmpty() && input == null, "Sequential '" + name + "': an Input must be the first"
                    + " layer; received InputLayer '" + in.name() + "' after " + layers.size() + " layer(s).");
            input = in;
            return this;
        }
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            names.add(l.name());
        }
        Check.that(!names.contains(layer.name()), "Sequential '" + name + "' already has a layer named '"
                + layer.name() + "'; layer names must be unique within a model.");
        LayerOrderAdvice.check(layers, layer);
        layers.add(layer);
        if (built()) {
            Shape prev = layers.size() == 1 ? inputShape : layers.get(layers.size() - 2).outputShape();
            layer.build(prev, initStream(layers.size() - 1));
        }
        return this;
    }

    /** Sets the seed for weights and shuffling; must come before the model is built. */
    public Sequential seed(long seed) {
        Check.state(!built(), "Sequential '" + name + "' is already built, so its weights are drawn; set the seed"
                + " before the first summary(), predict(...), fit(...) or build(...).");
        this.seed = seed;
        return this;
    }

    /** The seed (chosen at random on first use if none was set). */
    public long seed() {
        if (seed == null) {
            seed = new SecureRandom().nextLong();
        }
        return seed;
    }

    /** Builds every layer for per-sample inputs of {@code shape}; does nothing if already built with it. */
    public Sequential build(Shape shape) {
        return build(shape, WeightBudget.UNLIMITED);
    }

    /**
     * {@link #build(Shape)} creating at most the weights {@code budget} allows (a model read from a
     * file may not allocate more than the file holds).
     *
     * @throws IllegalArgumentException when the layers need more weights than the budget
     */
    public Sequential build(Shape shape, WeightBudget budget) {
        Check.notNull(shape, "Sequential", "inputShape");
        Check.notNull(budget, "Sequential", "budget");
        trainingStep = null;
        if (input != null && !input.shape().equals(shape)) {
            throw new IllegalArgumentException("Sequential '" + name + "' declares inputs of shape "
                    + input.shape().toKerasString() + " and cannot be built for " + shape.toKerasString() + ".");
        }
        if (inputShape != null) {
            Check.that(inputShape.equals(shape), "Sequential '" + name + "' is built for inputs of shape "
                    + inputShape.toKerasString() + " and cannot take " + shape.toKerasString() + ".");
            return this;
        }
        Shape s = shape;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).build(s, initStream(i), budget);
            s = layers.get(i).outputShape();
        }
        inputShape = shape;
        return this;
    }

    /** {@link #build(Shape)} with per-sample dimensions. */
    public Sequential build(int... dims) {
        return build(Shape.of(dims));
    }

    private RandomStream initStream(int layerIndex) {
        return new RandomStream(seed(), Streams.INIT + 16L * layerIndex);
    }

    /** Whether the model has been built. */
    public boolean built() {
        return inputShape != null;
    }

    /** Builds the model for its Input's shape if it has an Input and is not built yet; returns whether it is built. */
    boolean ensureBuilt() {
        if (!built() && input != null) {
            build(input.shape());
        }
        return built();
    }

    /** The per-sample input shape. */
    public Shape inputShape() {
        requireBuilt("inputShape()");
        return inputShape;
    }

    /** The per-sample output shape. */
    public Shape outputShape() {
        requireBuilt("outputShape()");
        return layers.isEmpty() ? inputShape : layers.get(layers.size() - 1).outputShape();
    }

    /** Sets the optimizer, the loss and the metrics (by Keras name, e.g. {@code "mae"}, {@code "accuracy"}). */
    public Sequential compile(Optimizer optimizer, Loss loss, String... metrics) {
        this.optimizer = Check.notNull(optimizer, "compile", "optimizer");
        this.loss = Check.notNull(loss, "compile", "loss");
        for (String m : metrics) {
            dev.lamina.metrics.Metrics.get(m);
        }
        this.metricNames = List.of(metrics);
        this.trainingStep = null;
        return this;
    }

    /** {@link #compile(Optimizer, Loss, String...)} with the optimizer and loss by Keras name. */
    public Sequential compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    /** Trains on {@code x} and {@code y}; see {@link FitOptions} for the arguments and defaults. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return exclusively(() -> new Trainer(this, options).fit(x, y, null));
    }

    /**
     * Trains on {@code x} and {@code y} with a weight per row (Keras' {@code sample_weight}): a row's
     * loss counts in proportion to its weight; the loss of a batch is the sum of the weighted row
     * losses over the batch's rows (not over the weights' sum), as Keras reduces it. The compiled
     * metrics do not weigh rows, as Keras' {@code metrics} (unlike its {@code weighted_metrics}). A
     * validation split takes its share of the weights, and val_loss is weighted by them, as in Keras.
     */
    public History fit(Tensor x, Tensor y, Tensor sampleWeight, FitOptions options) {
        Check.notNull(sampleWeight, "fit", "sample_weight");
        return exclusively(() -> new Trainer(this, options).fit(x, y, sampleWeight));
    }

    /**
     * Trains on batches from {@code data}: in memory, a CSV file streamed from disk
     * ({@link dev.lamina.data.CsvSource}), or the user's own iterator. Each epoch is one pass over
     * the source, batched and shuffled as {@code options} say (a pure function of the seed and the
     * epoch for the library's sources). Validation comes from {@link FitOptions#validationData}; a
     * validation split needs tensors, as in Keras. Raw rows with a {@link #preprocessing()}.
     */
    public History fit(DataSource data, FitOptions options) {
        Check.notNull(data, "fit", "data");
        return exclusively(() -> new Trainer(this, options).fit(data));
    }

    /**
     * One optimizer step on one batch, as Keras' {@code train_on_batch}: forward in training mode
     * (dropout drops, batch normalization uses the batch's statistics and updates its moving
     * ones), backward, and the optimizer's update; returns the batch's loss (with regularization).
     * After the first call with a given batch size, a step allocates nothing.
     */
    public double trainOnBatch(Tensor x, Tensor y) {
        // Written out, not through exclusively(...): a step allocates nothing, not even a lambda.
        lock.writeLock().lock();
        try {
            return trainOnBatchNow(x, y);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private double trainOnBatchNow(Tensor x, Tensor y) {
        checkTrainingBatch("trainOnBatch(...)", "trainOnBatch: x", x, y);
        return step().run(networkInputs(x), networkTargets(y), List.of());
    }

    /**
     * What a batch for one training step must be: a compiled model, rows, the input shape, matching
     * targets. The names come whole (literals), so that a step builds no string.
     */
    private void checkTrainingBatch(String call, String xName, Tensor x, Tensor y) {
        requireCompiled(call);
        DataCheck.notEmpty(xName, x);
        checkInputShape("x", x);
        DataCheck.sameRows(xName, x, "y", y);
        Trainer.checkTargets(this, y);
    }

    /** A holder for this model's gradients, to fill with {@link #computeGradients} batch after batch. */
    public Gradients newGradients() {
        return exclusively(() -> {
            requireCompiled("newGradients()");
            if (!ensureBuilt()) {
                requireBuilt("newGradients()");
            }
            return new Gradients(step().params(), step().state(), step().counted());
        });
    }

    /**
     * The first half of {@link #trainOnBatch}: forward in training mode, the loss (regularization
     * included) and backward, with each trainable weight's gradient copied into {@code into}; no
     * weight changes. What a training forward pass advances advances here too: BatchNormalization's
     * moving statistics, the noise layers' step counters. {@code x} holds raw rows when the model
     * has a {@link #preprocessing()}.
     *
     * @return {@code into}
     */
    public Gradients computeGradients(Tensor x, Tensor y, Gradients into) {
        return computeGradients(new Batch(x, y), 0, into);
    }

    /**
     * {@link #computeGradients(Tensor, Tensor, Gradients)} on a batch that may weigh its rows (Keras'
     * {@code sample_weight}), as one replica's part of a larger batch in data-parallel training:
     * {@code batch} holds rows {@code firstRow} onwards of the whole batch, so the noise layers draw
     * for them what a single model would draw for those rows of the whole batch (0: a batch of its
     * own, as {@code trainOnBatch}).
     */
    public Gradients computeGradients(Batch batch, long firstRow, Gradients into) {
        Check.notNull(batch, "computeGradients", "batch");
        Check.notNull(into, "computeGradients", "into");
        Check.that(firstRow >= 0, "computeGradients: firstRow must be 0 or more; got " + firstRow + ".");
        Tensor x = batch.x();
        Tensor y = batch.y();
        lock.writeLock().lock();
        try {
            checkTrainingBatch("computeGradients(...)", "computeGradients: x", x, y);
            TrainingStep s = step();
            into.checkFor(this, s.params(), s.state());
            into.loss(s.compute(networkInputs(x), networkTargets(y), batch.weightArray(), List.of(),
                    Mode.training(firstRow)));
            float[][] out = into.arrays();
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(s.params().get(i).grad().data(), 0, out[i], 0, out[i].length);
            }
            into.captureState();
            return into;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The loss of one batch and its gradients with respect to every trainable weight and to the
     * input, no weight changed: Keras' {@code GradientTape} around {@code compute_loss}, in Java
     * terms. {@code training} chooses the mode: true runs dropout (the noise layers' steps advance)
     * and batch statistics (BatchNormalization's moving statistics update, as in Keras); false runs
     * the inference network. With a {@link #preprocessing()}, {@code x} and {@code y} are raw and
     * the input gradient is with respect to the network's (preprocessed) input.
     */
    public BatchGradients gradients(Tensor x, Tensor y, boolean training) {
        return exclusively(() -> {
            checkTrainingBatch("gradients(...)", "gradients: x", x, y);
            return GradientProbe.of(this, networkInputs(x), networkTargets(y), training);
        });
    }

    /**
     * The loss of every row of {@code x} in inference mode, unreduced (Keras'
     * {@code reduction="none"}): each row's loss as the batch loss would weigh it, without
     * regularization. With a {@link #preprocessing()}, raw rows.
     */
    public double[] perSampleLoss(Tensor x, Tensor y) {
        return exclusively(() -> {
            checkTrainingBatch("perSampleLoss(...)", "perSampleLoss: x", x, y);
            Tensor in = networkInputs(x);
            Tensor t = networkTargets(y);
            Tensor out = infer(in);
            return loss.perSample(t, out);
        });
    }

    /**
     * The second half of {@link #trainOnBatch}: one optimizer step with {@code gradients}, with the
     * optimizer's clipping, weight decay, gradient accumulation and the weights' constraints.
     * {@code computeGradients} then {@code applyGradients} gives the same bits as
     * {@code trainOnBatch} on the same batch.
     */
    public void applyGradients(Gradients gradients) {
        Check.notNull(gradients, "applyGradients", "gradients");
        lock.writeLock().lock();
        try {
            requireCompiled("applyGradients(...)");
            TrainingStep s = step();
            gradients.checkFor(this, s.params(), s.state());
            float[][] in = gradients.arrays();
            for (int i = 0; i < in.length; i++) {
                System.arraycopy(in[i], 0, s.params().get(i).grad().data(), 0, in[i].length);
            }
            gradients.restoreState();
            s.apply();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private TrainingStep step() {
        if (trainingStep == null) {
            trainingStep = new TrainingStep(this);
        }
        return trainingStep;
    }

    /** {@link #fit(Tensor, Tensor, FitOptions)} on arrays of rows. */
    public History fit(float[][] x, float[][] y, FitOptions options) {
        return fit(Tensor.of(x), Tensor.of(y), options);
    }

    /** The loss and metrics on {@code x}, {@code y} in inference mode, in batches of 32. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32);
    }

    /** The loss (with regularization, as Keras) and metrics on {@code x}, {@code y}, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return exclusively(() -> {
            requireCompiled("evaluate(...)");
            return new Evaluator(this, batchSize).evaluate(networkInputs(x), networkTargets(y), "").toMap();
        });
    }

    /** The loss on {@code x}, {@code y} with a weight per row (Keras' {@code sample_weight}), and the metrics unweighted. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, Tensor sampleWeight, int batchSize) {
        Check.notNull(sampleWeight, "evaluate", "sample_weight");
        Check.arg(batchSize > 0, "evaluate", "batch_size", batchSize, "a positive integer");
        return exclusively(() -> {
            requireCompiled("evaluate(...)");
            DataCheck.notEmpty("x", x);
            DataCheck.sameRows("x", x, "y", y);
            checkInputShape("x", x);
            Logs logs = new Logs();
            new Evaluator(this, batchSize).evaluateInto(DataSource.of(networkInputs(x), networkTargets(y),
                    sampleWeight), "", logs);
            return logs.toMap();
        });
    }

    /**
     * The loss and metrics over one pass of {@code data} in order, in batches of {@code batchSize}
     * (a source that makes its own batches keeps them). Raw rows with a {@link #preprocessing()}.
     */
    public Map<String, Double> evaluate(DataSource data, int batchSize) {
        Check.notNull(data, "evaluate", "data");
        Check.arg(batchSize > 0, "evaluate", "batch_size", batchSize, "a positive integer");
        return exclusively(() -> {
            requireCompiled("evaluate(...)");
            checkSourceInputs("evaluate", data);
            Logs logs = new Logs();
            new Evaluator(this, batchSize).evaluateInto(preprocessed(data), "", logs);
            return logs.toMap();
        });
    }

    /**
     * Predictions for every row of one pass of {@code data} in order, in batches of
     * {@code batchSize}, in one tensor (the predictions must fit in memory; the inputs need not).
     * With a {@link #preprocessing()}, raw rows in and the targets' raw units out.
     */
    public Tensor predict(DataSource data, int batchSize) {
        Check.notNull(data, "predict", "data");
        Check.arg(batchSize > 0, "predict", "batch_size", batchSize, "a positive integer");
        buildForInference("predict(...)");
        lock.readLock().lock();
        try {
            checkSourceInputs("predict", data);
            DataSource in = preprocessed(data);
            Tensor out = replicas.run(r -> new Evaluator(r, batchSize).predict(in));
            return preprocessing == null ? out : preprocessing.outputs(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkSourceInputs(String call, DataSource data) {
        if (!ensureBuilt()) {
            requireBuilt(call + "(...)");
        }
        Shape in = data.inputShape();
        Check.that(in.equals(inputShape), call + ": the data source has rows of shape " + in.toKerasString()
                + " but Sequential '" + name + "' expects inputs of shape " + inputShape.toKerasString()
                + "; give one column per input feature.");
    }

    /** {@code data} with this model's preprocessing applied to each batch (itself when there is none). */
    DataSource preprocessed(DataSource data) {
        return preprocessing == null ? data : data.map(this::networkInputs, this::networkTargets);
    }

    /**
     * Predictions for the rows of {@code table}, raw as users have them (text categories, missing
     * cells), through the model's {@link #preprocessing()}: its feature spec, or its feature
     * columns as numbers; missing and unseen values are counted in {@code report}.
     *
     * @throws IllegalStateException for a model without a preprocessing (it knows no columns)
     */
    public Tensor predict(Table table, EncodeReport report) {
        Check.notNull(table, "predict", "table");
        Preprocessing p = preprocessing;
        Check.state(p != null, "Sequential '" + name + "' has no preprocessing, so it knows no columns to read from a"
                + " table; predict on a tensor, or set a Preprocessing.");
        return predict(p.rows(table, report == null ? new EncodeReport() : report));
    }

    /** The loss and metrics on the rows of {@code table} (its feature and target columns), in batches of 32. */
    public Map<String, Double> evaluate(Table table, EncodeReport report) {
        Check.notNull(table, "evaluate", "table");
        Preprocessing p = preprocessing;
        Check.state(p != null, "Sequential '" + name + "' has no preprocessing, so it knows no columns to read from a"
                + " table; evaluate tensors, or set a Preprocessing.");
        return evaluate(p.rows(table, report == null ? new EncodeReport() : report), p.targetRows(table));
    }

    /** Trains on the rows of {@code table} through the model's {@link #preprocessing()} (adapted beforehand). */
    public History fit(Table table, FitOptions options) {
        Check.notNull(table, "fit", "table");
        Preprocessing p = preprocessing;
        Check.state(p != null, "Sequential '" + name + "' has no preprocessing, so it knows no columns to read from a"
                + " table; set a Preprocessing (for example Preprocessing.of(spec.adapt(table), targets, null)).");
        return fit(p.rows(table, new EncodeReport()), p.targetRows(table), options);
    }

    /**
     * Predictions for {@code x} in inference mode, in batches of 32. With a {@link #preprocessing()},
     * {@code x} holds raw rows and the predictions are in the targets' raw units.
     */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** Predictions for {@code x} in inference mode, in batches of {@code batchSize}. */
    public Tensor predict(Tensor x, int batchSize) {
        Check.arg(batchSize > 0, "predict", "batch_size", batchSize, "a positive integer");
        DataCheck.notEmpty("predict: x", x);
        buildForInference("predict(...)");
        lock.readLock().lock();
        try {
            checkInputShape("x", x);
            Tensor in = networkInputs(x);
            Tensor out = replicas.run(r -> new Evaluator(r, batchSize).predict(in));
            return preprocessing == null ? out : preprocessing.outputs(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A prediction as {@code options} asks: deterministic, or Monte-Carlo dropout with the mean and
     * standard deviation of the samples (see {@link PredictOptions}).
     */
    public Prediction predict(Tensor x, PredictOptions options) {
        Check.notNull(options, "predict", "options");
        if (options.samples() == 0) {
            Tensor mean = predict(x, options.batchSize());
            return new Prediction(mean, Tensor.zeros(mean.shape()), 1);
        }
        DataCheck.notEmpty("predict: x", x);
        buildForInference("predict(...)");
        lock.readLock().lock();
        try {
            checkInputShape("x", x);
            Tensor in = networkInputs(x);
            Prediction p = replicas.run(r -> new Evaluator(r, options.batchSize()).predictMonteCarlo(in,
                    options.samples(), options.seed()));
            return preprocessing == null ? p
                    : new Prediction(preprocessing.outputs(p.mean()), preprocessing.outputSpread(p.std()), p.samples());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Builds the model from its Input if it is not built yet (an exclusive step, done once). */
    private void buildForInference(String what) {
        if (!built()) {
            exclusively(() -> {
                requireBuilt(what);
                return null;
            });
        }
    }

    /**
     * A replica for inference on another thread: the layers made again from their configs and
     * built on this model's weight tensors (shared, not copied), with buffers of their own.
     */
    Sequential replica() {
        Sequential r = new Sequential(name);
        for (Layer l : layers) {
            Layer copy = LayerRegistry.copyOf(l);
            copy.buildSharing(l);
            r.layers.add(copy);
        }
        r.input = input;
        r.inputShape = inputShape;
        r.seed = seed;
        return r;
    }

    /** What changes the model: one such call at a time, and never during a prediction. */
    private <T, E extends Exception> T exclusively(Action<T, E> action) throws E {
        lock.writeLock().lock();
        try {
            return action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A call that may throw a checked exception. */
    private interface Action<T, E extends Exception> {
        T run() throws E;
    }

    /** {@link #predict(Tensor)} on arrays of rows. */
    public float[][] predict(float[][] x) {
        return predict(Tensor.of(x)).toArray();
    }

    /**
     * Saves the model (layers, weights, seed, compile settings, optimizer state, preprocessing) to a
     * {@code .lamina} archive, atomically: a failed save leaves the previous file intact.
     */
    @Override
    public void save(java.nio.file.Path path) throws java.io.IOException {
        exclusively(() -> {
            ModelFiles.save(this, path);
            return null;
        });
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws dev.lamina.io.ModelFormatException for a corrupted, hostile or newer file
     */
    public static Sequential load(java.nio.file.Path path) throws java.io.IOException {
        return ModelFiles.load(path);
    }

    /**
     * Saves the weights alone as a {@code .safetensors} file (names {@code layer/weight}, kernels
     * {@code [in, out]}), atomically.
     */
    @Override
    public void saveWeights(java.nio.file.Path path) throws java.io.IOException {
        exclusively(() -> {
            WeightFiles.save(weights(), path);
            return null;
        });
    }

    /**
     * Loads weights saved by {@link #saveWeights} (or any safetensors file with the same names and
     * shapes) into this built model.
     *
     * @throws dev.lamina.io.ModelFormatException when a weight is missing, extra or of another shape
     */
    public void loadWeights(java.nio.file.Path path) throws java.io.IOException {
        exclusively(() -> {
            WeightFiles.load(weights(), path, "Sequential '" + name + "'");
            return null;
        });
    }

    /** An independent copy: same layers, weights, seed, compile settings, optimizer state and preprocessing. */
    public Sequential copy() {
        return exclusively(this::copyNow);
    }

    private Sequential copyNow() {
        try {
            return ModelFiles.copy(this);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Copying Sequential '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /** A Keras-style table of the layers, output shapes and parameter counts. */
    public String summary() {
        ensureBuilt();
        return Summary.of(this);
    }

    /** The layers, without the Input (as Keras' {@code model.layers}). */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** The Input, or null. */
    public Input input() {
        return input;
    }

    /** All weights, layer by layer. */
    public List<Parameter> weights() {
        ensureBuilt();
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.weights());
        }
        return all;
    }

    /** Copies of all weights' values, in {@link #weights()} order. */
    @Override
    public List<float[]> getWeights() {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : weights()) {
            out.add(p.value().data().clone());
        }
        return out;
    }

    /**
     * Sets all weights' values, in {@link #weights()} order.
     *
     * @throws IllegalArgumentException when the count or a size differs, naming the weight
     */
    @Override
    public void setWeights(List<float[]> values) {
        List<Parameter> ws = weights();
        Check.that(values.size() == ws.size(), "Sequential '" + name + "' has " + ws.size() + " weights but "
                + values.size() + " values were given.");
        for (int i = 0; i < ws.size(); i++) {
            float[] d = ws.get(i).value().data();
            Check.that(values.get(i).length == d.length, "Weight '" + ws.get(i).path() + "' has " + d.length
                    + " values but " + values.get(i).length + " were given.");
            System.arraycopy(values.get(i), 0, d, 0, d.length);
        }
    }

    /** The total number of scalar weights. */
    public long countParams() {
        ensureBuilt();
        long n = 0;
        for (Layer l : layers) {
            n += l.countParams();
        }
        return n;
    }

    /** The optimizer set by compile, or null. */
    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss set by compile, or null. */
    public Loss loss() {
        return loss;
    }

    /** The metric names set by compile. */
    public List<String> metricNames() {
        return metricNames;
    }

    /** The preprocessing that is part of the model (column names, scalers), or null. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * Makes {@code preprocessing} part of the model (null removes it): from then on {@code fit},
     * {@code trainOnBatch}, {@code evaluate} and {@code predict} take raw rows and apply it, and
     * {@code save} keeps it.
     *
     * @throws IllegalArgumentException when it does not fit the model's input and output widths
     */
    public void setPreprocessing(Preprocessing preprocessing) {
        exclusively(() -> {
            if (preprocessing != null && ensureBuilt()) {
                preprocessing.checkFits(inputShape.size(), outputShape().size());
            }
            this.preprocessing = preprocessing;
            return null;
        });
    }

    /** The network's inputs for raw rows: the preprocessing's, or the rows themselves. */
    Tensor networkInputs(Tensor rawRows) {
        return preprocessing == null || rawRows == null ? rawRows : preprocessing.inputs(rawRows);
    }

    /** The network's targets for raw targets. */
    Tensor networkTargets(Tensor rawTargets) {
        return preprocessing == null || rawTargets == null ? rawTargets : preprocessing.targets(rawTargets);
    }

    /** Whether a callback asked training to stop. */
    @Override
    public boolean stopTraining() {
        return stopTraining;
    }

    /** Asks training to stop after the current batch (used by callbacks). */
    @Override
    public void stopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    /** Runs a batch through every layer. */
    Tensor forward(Tensor x, Mode mode) {
        Tensor t = x;
        activity.start(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            t = l.forward(t, mode);
            activity.record(i, l, t);
        }
        return t;
    }

    /** The layers' activity penalties over the last {@link #forward} pass. */
    ActivityPenalties activity() {
        return activity;
    }

    /** Whether a layer has an activity regularizer, whose penalty the loss then includes. */
    boolean hasActivityRegularizers() {
        return ActivityPenalties.any(layers);
    }

    /** A batch's outputs in inference mode, fused where that keeps the bits ({@link FusedInference}). */
    Tensor infer(Tensor x) {
        return FusedInference.run(layers, x);
    }

    /**
     * Runs the loss gradient back through every layer (the first layer skips its input gradient).
     * An inverted dropout that drew a mask right after a Dense layer whose activation takes one
     * (relu) hands the mask to that layer, which applies it with its derivative in one pass
     * ({@link Dense#backwardThroughMask}): the same bits as the two layers' own passes. A layer's
     * activity penalty adds its gradient to the gradient arriving at that layer's output (and keeps
     * a Dense layer with one out of the fused pass).
     */
    void backward(Tensor grad) {
        Tensor g = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            l.setComputeInputGradient(i > 0);
            activity.addGradient(i, l, g);
            if (i > 0 && l instanceof KeepMaskLayer d && d.lastKeepMask() != null && !activity.penalizes(i - 1)
                    && layers.get(i - 1) instanceof Dense dense && dense.takesDropoutMask()) {
                dense.setComputeInputGradient(i > 1);
                g = dense.backwardThroughMask(g, d.lastKeepMask(), d.lastKeepProbability());
                i--;
                continue;
            }
            g = l.backward(g);
        }
    }

    /** The sum of the layers' regularization penalties. */
    double regularizationLoss() {
        double s = 0;
        for (int i = 0; i < layers.size(); i++) {
            s += layers.get(i).regularizationLoss();
        }
        return s;
    }

    void checkInputShape(String what, Tensor x) {
        if (!ensureBuilt()) {
            requireBuilt("using " + what);
        }
        Shape s = x.shape();
        if (!s.isBatchOf(inputShape)) {
            String first = layers.isEmpty() ? "" : " (first layer " + layers.get(0) + ")";
            throw new IllegalArgumentException(what + " has shape " + s + " but Sequential '" + name + "'" + first
                    + " expects inputs of shape " + inputShape.toKerasString() + "; give one column per input"
                    + " feature, or rebuild the model for this data.");
        }
    }

    void requireCompiled(String what) {
        if (optimizer == null || loss == null) {
            throw new IllegalStateException("Sequential '" + name + "' is not compiled: call"
                    + " compile(optimizer, loss, metrics...) before " + what + ".");
        }
    }

    private void requireBuilt(String what) {
        if (!ensureBuilt()) {
            throw new IllegalStateException("Sequential '" + name + "' is not built: call fit(...) or"
                    + " build(inputShape), or start it with an Input, before " + what + ".");
        }
    }

    @Override
    public String toString() {
        return "Sequential '" + name + "' " + layers;
    }
}
