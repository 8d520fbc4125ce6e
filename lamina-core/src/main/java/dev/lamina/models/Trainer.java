package dev.lamina.models;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.CallbackList;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.Logs;
import dev.lamina.callbacks.ProgressLogger;
import dev.lamina.callbacks.Resumable;
import dev.lamina.data.Batch;
import dev.lamina.data.BatchPlan;
import dev.lamina.data.Batches;
import dev.lamina.data.DataSource;
import dev.lamina.data.LastBatch;
import dev.lamina.layers.Layer;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.metrics.Metric;
import dev.lamina.metrics.Metrics;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training loop of {@link Sequential#fit}: per epoch, a pass over the training source (which
 * batches and shuffles, as a pure function of the seed and the epoch), and per batch one step
 * (forward in training mode, loss and metrics, backward, regularization gradients, the optimizer's
 * update) between the callbacks; then validation in inference mode. A {@link RunBackup}, when
 * asked for, is called at its checkpoints. One trainer runs one {@code fit} call.
 */
final class Trainer {
    private final Sequential model;
    private final FitOptions options;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Resumable> resumables = new ArrayList<>();
    private final Logs logs = new Logs();
    private final Logs epochLogs = new Logs();
    // Set up by run(...) for its run.
    private DataSource train;
    private DataSource validation;
    private BatchPlan plan;
    /** Steps per epoch, or -1 when the source cannot tell. */
    private long steps;
    private CallbackList callbacks;
    private RunBackup backup;
    private TrainingStep trainingStep;
    private Evaluator validator;
    /** The rows' weights from their classes, when fit has a class_weight. */
    private ClassWeights classWeights;
    // The current epoch's running loss.
    private double lossSum;
    private long seen;

    Trainer(Sequential model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    /**
     * Fits on tensors: the split or the validation tensors are taken here, and every value checked
     * once. {@code w} holds a weight per row, or is null; a validation split takes its share of
     * the weights, as Keras' does.
     */
    History fit(Tensor x, Tensor y, Tensor w) {
        model.requireCompiled("fit(...)");
        DataCheck.notEmpty("fit: x", x);
        DataCheck.notEmpty("fit: y", y);
        DataCheck.sameRows("x", x, "y", y);
        if (w != null && options.classWeight() != null) {
            throw new IllegalArgumentException("fit was given both sample weights and class_weight; give one (Keras"
                    + " refuses both too): fold the class weights into the sample weights.");
        }
        x = model.networkInputs(x);
        y = model.networkTargets(y);
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor trainW = w;
        Tensor valX = null;
        Tensor valY = null;
        Tensor valW = null;
        if (options.validationX() == null && options.validationSource() == null && options.validationSplit() > 0) {
            int split = (int) Math.floor(x.rows() * (1 - options.validationSplit()));
            if (split <= 0 || split >= x.rows()) {
                throw new IllegalArgumentException("validation_split " + options.validationSplit() + " of "
                        + x.rows() + " rows leaves " + split + " for training and " + (x.rows() - split)
                        + " for validation; both need at least one row.");
            }
            trainX = rows(x, 0, split);
            trainY = rows(y, 0, split);
            valX = rows(x, split, x.rows() - split);
            valY = rows(y, split, y.rows() - split);
            if (w != null) {
                Tensor flat = Tensor.wrap(w.data(), w.size(), 1);
                trainW = rows(flat, 0, split);
                valW = rows(flat, split, w.size() - split);
            }
        }
        DataCheck.finite("x", x);
        DataCheck.finite("y", y);
        if (!model.ensureBuilt()) {
            model.build(x.shape().withoutBatch());
        }
        model.checkInputShape("x", trainX);
        checkTargets(model, trainY);
        DataSource val;
        if (valX != null) {
            model.checkInputShape("val_x", valX);
            checkTargets(model, valY);
            val = DataSource.of(valX, valY, valW);
        } else {
            val = options.validationX() != null ? validationTensors() : validationSource();
        }
        return run(DataSource.of(trainX, trainY, trainW), val);
    }

    /** Fits on a source; its batches go through the model's preprocessing on their way in. */
    History fit(DataSource source) {
        model.requireCompiled("fit(...)");
        if (options.validationSplit() > 0 && options.validationX() == null && options.validationSource() == null) {
            throw new IllegalArgumentException("validation_split " + options.validationSplit() + " needs the rows"
                    + " as tensors; with a data source give validation data (FitOptions.validationData(source),"
                    + " e.g. from CsvSource.split), as Keras asks for datasets.");
        }
        Shape in = source.inputShape();
        Shape target = source.targetShape();
        if (target == null) {
            throw new IllegalArgumentException("fit needs targets, but the training source has inputs only; give"
                    + " a source with targets.");
        }
        if (!model.ensureBuilt()) {
            model.build(in);
        }
        checkSourceShapes("the training source", source);
        DataSource val = options.validationX() != null ? validationTensors() : validationSource();
        return run(model.preprocessed(source), val);
    }

    /** The validation tensors of the options, through the preprocessing, every value and shape checked. */
    private DataSource validationTensors() {
        Tensor valX = model.networkInputs(options.validationX());
        Tensor valY = model.networkTargets(options.validationY());
        DataCheck.notEmpty("validation x", valX);
        DataCheck.sameRows("validation x", valX, "validation y", valY);
        DataCheck.finite("validation x", valX);
        DataCheck.finite("validation y", valY);
        model.checkInputShape("val_x", valX);
        checkTargets(model, valY);
        return DataSource.of(valX, valY);
    }

    private DataSource validationSource() {
        DataSource v = options.validationSource();
        if (v == null) {
            return null;
        }
        checkSourceShapes("the validation source", v);
        return model.preprocessed(v);
    }

    private void checkSourceShapes(String what, DataSource source) {
        Shape in = source.inputShape();
        if (!in.equals(model.inputShape())) {
            throw new IllegalArgumentException(what + " has rows of shape " + in.toKerasString() + " but Sequential '"
                    + model.name() + "' expects inputs of shape " + model.inputShape().toKerasString() + "; give one"
                    + " column per input feature.");
        }
        Shape target = source.targetShape();
        if (target == null) {
            throw new IllegalArgumentException(what + " has inputs only; training and validation need targets.");
        }
        checkTargets(model, target.withBatch(1), what + "'s targets have rows of shape ", target.toKerasString());
    }

    private History run(DataSource trainData, DataSource validationData) {
        if (options.classWeight() != null && trainData.weighted()) {
            throw new IllegalArgumentException("fit was given both sample weights and class_weight; give one (Keras"
                    + " refuses both too): fold the class weights into the sample weights.");
        }
        classWeights = options.classWeight() == null ? null : new ClassWeights(options.classWeight());
        train = trainData;
        validation = validationData;
        long seed = options.seed() != null ? options.seed() : model.seed();
        plan = new BatchPlan(options.batchSize(), options.shuffle(), seed, 0, options.lastBatchOfOne());
        long n = train.rows();
        checkSingleRowBatch(n >= 0 && plan.lastBatchIsSingle(n));
        steps = n >= 0 ? plan.steps(n) : -1;
        Map<String, String> fingerprint = options.backup() == null ? Map.of()
                : RunFingerprint.of(model, options, seed, train, validation);

        History history = new History();
        // Keras' order: the user's callbacks, then progress, then History (which so sees what they logged).
        List<Callback> all = new ArrayList<>(options.callbacks());
        if (options.verbose() > 0) {
            all.add(new ProgressLogger(options.verbose(), options.out(), options.epochs(), (int) steps,
                    System.console() != null && options.out() == System.out));
        }
        all.add(history);
        callbacks = new CallbackList(all);
        callbacks.setModel(model);
        for (String m : model.metricNames()) {
            metrics.add(Metrics.get(m));
        }
        trainingStep = new TrainingStep(model);
        validator = validation == null ? null : new Evaluator(model, Math.max(options.batchSize(), 32));

        model.stopTraining(false);
        callbacks.onTrainBegin(logs);
        resumables.addAll(callbacks.resumables());
        backup = options.backup() == null ? null
                : new RunBackup(options.backup(), model, fingerprint, resumables, metrics);
        TrainingState resumed = backup == null ? null : backup.restore();
        int firstEpoch = resumed != null ? resumed.epoch() : options.initialEpoch();
        for (int epoch = firstEpoch; epoch < options.epochs() && !model.stopTraining(); epoch++) {
            runEpoch(epoch, resumed != null && epoch == resumed.epoch() ? resumed : null);
        }
        callbacks.onTrainEnd(epochLogs);
        if (backup != null) {
            backup.finish();
        }
        return history;
    }

    /** One epoch: a pass over the training source (from the resumed step if any), validation, callbacks. */
    private void runEpoch(int epoch, TrainingState resumed) {
        callbacks.onEpochBegin(epoch);
        for (int iM = 0; iM < metrics.size(); iM++) {
            metrics.get(iM).reset();
        }
        lossSum = 0;
        seen = 0;
        int firstStep = 0;
        if (resumed != null && resumed.step() > 0) {
            lossSum = resumed.lossSum();
            seen = resumed.seen();
            firstStep = resumed.step();
            for (int i = 0; i < metrics.size(); i++) {
                metrics.get(i).restore(resumed.metrics().get(i));
            }
        }
        logs.clear();
        try (Batches pass = train.batches(plan.epoch(epoch))) {
            pass.skip(firstStep);
            trainSteps(pass, epoch, firstStep);
        }
        epochLogs.clear();
        for (String k : logs.keys()) {
            epochLogs.put(k, logs.get(k));
        }
        if (validator != null) {
            validator.evaluateInto(validation, "val_", epochLogs);
        }
        callbacks.onEpochEnd(epoch, epochLogs);
        if (backup != null) {
            backup.save(epoch + 1, 0, 0, 0, false);
        }
    }

    /**
     * The epoch's steps from {@code firstStep}. Kept apart from the setup and the epoch's other work
     * so that the method the JIT compiles for this hot loop stays small: compiling the whole of
     * {@code fit} took a compiler thread a quarter to half a second, a core lost on small machines.
     */
    private void trainSteps(Batches pass, int epoch, int firstStep) {
        for (int step = firstStep; !model.stopTraining(); step++) {
            Batch b = pass.next();
            if (b == null) {
                return;
            }
            trainStep(epoch, step, b);
        }
    }

    private void trainStep(int epoch, int step, Batch b) {
        callbacks.onTrainBatchBegin(step);
        int rows = b.rows();
        float[] weights = classWeights == null ? b.weightArray() : classWeights.of(b.y());
        double loss = trainingStep.run(b.x(), b.y(), weights, metrics);
        lossSum += loss * rows;
        seen += rows;
        logs.put("loss", lossSum / seen);
        for (int iM = 0; iM < metrics.size(); iM++) {
            Metric m = metrics.get(iM);
            logs.put(m.name(), m.result());
        }
        callbacks.onTrainBatchEnd(step, logs);
        if (backup != null && backup.dueAfter(step, steps)) {
            backup.save(epoch, step + 1, lossSum, seen, true);
        }
    }

    private void checkSingleRowBatch(boolean single) {
        if (!single || options.lastBatchOfOne() != LastBatch.KEEP) {
            return;
        }
        for (Layer l : model.layers()) {
            if (l instanceof BatchNormalization && l.trainable()) {
                throw new IllegalArgumentException("With " + options.batchSize() + " rows a batch, the last training"
                        + " batch would have 1 row, and " + l + " cannot normalize a single row. Fit with"
                        + " FitOptions.lastBatchOfOne(LastBatch.MERGE) (or DROP), or change the batch size.");
            }
        }
    }

    static void checkTargets(Sequential model, Tensor y) {
        checkTargets(model, y.shape(), "y has shape ", y.shape());
    }

    /**
     * Checks targets of shape {@code y} (with a batch dimension) against the model's output; an error
     * opens with {@code what} and {@code shown} (joined only then: a training step allocates nothing).
     */
    private static void checkTargets(Sequential model, Shape y, String what, Object shown) {
        Shape out = model.outputShape();
        int cols = y.size() / Math.max(1, y.dim(0));
        if (Evaluator.sparseTargets(model)) {
            if (cols != 1) {
                throw new IllegalArgumentException(what + shown + " but " + model.loss().name() + " expects one column of"
                        + " class indices; for one-hot targets use categorical_crossentropy.");
            }
        } else if (cols != out.size()) {
            throw new IllegalArgumentException(what + shown + " but the last layer "
                    + model.layers().get(model.layers().size() - 1) + " outputs shape " + out.toKerasString()
                    + "; give one target column per output unit (or change the last layer's units).");
        }
    }

    private static Tensor rows(Tensor t, int start, int count) {
        int cols = t.cols();
        float[] d = new float[count * cols];
        System.arraycopy(t.data(), start * cols, d, 0, d.length);
        int[] dims = t.shape().dims();
        dims[0] = count;
        return Tensor.wrap(d, dims);
    }
}
