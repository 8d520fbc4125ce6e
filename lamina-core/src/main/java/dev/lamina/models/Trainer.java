package dev.lamina.models;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.CallbackList;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.Logs;
import dev.lamina.callbacks.ProgressLogger;
import dev.lamina.callbacks.Resumable;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Layer;
import dev.lamina.metrics.Metric;
import dev.lamina.metrics.Metrics;
import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training loop of {@link Sequential#fit}: per epoch, shuffle (a pure function of the seed
 * and the epoch), then per batch forward in training mode, loss and metrics, backward,
 * regularization gradients, one optimizer step and the callbacks; then validation in inference
 * mode. Batches are gathered into reused buffers, so steady-state steps allocate nothing. One
 * trainer runs one {@code fit} call.
 */
final class Trainer {
    private final Sequential model;
    private final FitOptions options;
    private final Buffer xBatch = new Buffer();
    private final Buffer yBatch = new Buffer();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Resumable> resumables = new ArrayList<>();
    private final Logs logs = new Logs();
    private final Logs epochLogs = new Logs();
    // Set up by fit(...) for its run.
    private Tensor trainX;
    private Tensor trainY;
    private Tensor valX;
    private Tensor valY;
    private Shape xSample;
    private Shape ySample;
    private int n;
    private int batch;
    private int steps;
    private boolean merge;
    private long seed;
    private CallbackList callbacks;
    /** What a backup of this run must match to be resumed (empty without a backup). */
    private Map<String, String> fingerprint;
    private TrainingStep trainingStep;
    private Evaluator validator;
    private int[] order;
    // The current epoch's running loss.
    private double lossSum;
    private long seen;

    Trainer(Sequential model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    History fit(Tensor x, Tensor y) {
        model.requireCompiled("fit(...)");
        DataCheck.notEmpty("fit: x", x);
        DataCheck.notEmpty("fit: y", y);
        DataCheck.sameRows("x", x, "y", y);
        x = model.networkInputs(x);
        y = model.networkTargets(y);
        trainX = x;
        trainY = y;
        valX = model.networkInputs(options.validationX());
        valY = model.networkTargets(options.validationY());
        if (valX == null && options.validationSplit() > 0) {
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
        }
        DataCheck.finite("x", x);
        DataCheck.finite("y", y);
        if (valX != null && options.validationX() != null) {
            DataCheck.notEmpty("validation x", valX);
            DataCheck.sameRows("validation x", valX, "validation y", valY);
            DataCheck.finite("validation x", valX);
            DataCheck.finite("validation y", valY);
        }
        if (!model.ensureBuilt()) {
            model.build(x.shape().withoutBatch());
        }
        model.checkInputShape("x", trainX);
        checkTargets(model, trainY);

        n = trainX.rows();
        batch = options.batchSize();
        boolean single = n > 1 && n % batch == 1;
        checkSingleRowBatch(single);
        steps = single && options.lastBatchOfOne() != LastBatch.KEEP ? n / batch : (n + batch - 1) / batch;
        merge = single && options.lastBatchOfOne() == LastBatch.MERGE;
        seed = options.seed() != null ? options.seed() : model.seed();
        fingerprint = options.backup() == null ? Map.of()
                : RunFingerprint.of(model, options, seed, trainX, trainY, valX, valY);

        History history = new History();
        // Keras' order: the user's callbacks, then progress, then History (which so sees what they logged).
        List<Callback> all = new ArrayList<>(options.callbacks());
        if (options.verbose() > 0) {
            all.add(new ProgressLogger(options.verbose(), options.out(), options.epochs(), steps,
                    System.console() != null && options.out() == System.out));
        }
        all.add(history);
        callbacks = new CallbackList(all);
        callbacks.setModel(model);
        for (String m : model.metricNames()) {
            metrics.add(Metrics.get(m));
        }
        trainingStep = new TrainingStep(model);
        validator = valX == null ? null : new Evaluator(model, Math.max(batch, 32));
        order = new int[n];
        xSample = trainX.shape().withoutBatch();
        ySample = trainY.shape().withoutBatch();

        model.stopTraining(false);
        callbacks.onTrainBegin(logs);
        resumables.addAll(callbacks.resumables());
        TrainingState resumed = restore();
        int firstEpoch = resumed != null ? resumed.epoch() : options.initialEpoch();
        for (int epoch = firstEpoch; epoch < options.epochs() && !model.stopTraining(); epoch++) {
            runEpoch(epoch, resumed != null && epoch == resumed.epoch() ? resumed : null);
        }
        callbacks.onTrainEnd(epochLogs);
        if (options.backup() != null) {
            try {
                Files.deleteIfExists(options.backup().file());
                deleteIfEmpty(options.backup().dir());
            } catch (IOException e) {
                throw new UncheckedIOException("Training finished but its backup " + options.backup().file()
                        + " could not be removed: " + e.getMessage(), e);
            }
        }
        return history;
    }

    /** Removes the backup folder once the run is done, unless something else lives in it. */
    private static void deleteIfEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (NoSuchFileException e) {
            // Already gone.
        }
    }

    /** One epoch: shuffle, the training steps (from the resumed step if any), validation, callbacks. */
    private void runEpoch(int epoch, TrainingState resumed) {
        callbacks.onEpochBegin(epoch);
        shuffle(epoch);
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
        trainSteps(epoch, firstStep);
        epochLogs.clear();
        for (String k : logs.keys()) {
            epochLogs.put(k, logs.get(k));
        }
        if (validator != null) {
            validator.evaluateInto(valX, valY, "val_", epochLogs);
        }
        callbacks.onEpochEnd(epoch, epochLogs);
        if (options.backup() != null) {
            backup(epoch + 1, 0, 0, 0, false);
        }
    }

    /** The epoch's row order: 0..n-1, shuffled by a pure function of the seed and the epoch if asked. */
    private void shuffle(int epoch) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (options.shuffle()) {
            new RandomStream(seed, Streams.SHUFFLE + epoch).shuffle(order);
        }
    }

    /**
     * The epoch's steps from {@code firstStep}. Kept apart from the setup and the epoch's other work
     * so that the method the JIT compiles for this hot loop stays small: compiling the whole of
     * {@code fit} took a compiler thread a quarter to half a second, a core lost on small machines.
     */
    private void trainSteps(int epoch, int firstStep) {
        for (int step = firstStep; step < steps && !model.stopTraining(); step++) {
            trainStep(epoch, step);
        }
    }

    private void trainStep(int epoch, int step) {
        callbacks.onTrainBatchBegin(step);
        int start = step * batch;
        int rows = merge && step == steps - 1 ? batch + 1 : Math.min(batch, n - start);
        Tensor xb = gather(trainX, order, start, rows, xBatch.get(rows, xSample));
        Tensor yb = gather(trainY, order, start, rows, yBatch.get(rows, ySample));
        double loss = trainingStep.run(xb, yb, metrics);
        lossSum += loss * rows;
        seen += rows;
        logs.put("loss", lossSum / seen);
        for (int iM = 0; iM < metrics.size(); iM++) {
            Metric m = metrics.get(iM);
            logs.put(m.name(), m.result());
        }
        callbacks.onTrainBatchEnd(step, logs);
        Backup b = options.backup();
        if (b != null && b.everySteps() > 0 && (step + 1) % b.everySteps() == 0 && step + 1 < steps) {
            backup(epoch, step + 1, lossSum, seen, true);
        }
    }

    /** Restores the layers' counters, the callbacks and the metrics' count from the backup, if there is one. */
    private TrainingState restore() {
        Backup b = options.backup();
        if (b == null || !Files.exists(b.file())) {
            return null;
        }
        try {
            TrainingState st = TrainingBackup.read(b.file(), model, resumables.size(), fingerprint);
            List<Layer> layers = model.layers();
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                Long n = st.counters().get(Integer.toString(i));
                if (n != null) {
                    l.restoreTrainingPasses(n);
                }
            }
            for (int i = 0; i < resumables.size(); i++) {
                resumables.get(i).restore(st.callbacks().get(i), st.callbackArrays().get(i));
            }
            if (st.metrics().size() != metrics.size() && st.step() > 0) {
                throw new IllegalStateException("The backup in " + b.dir() + " was made with " + st.metrics().size()
                        + " metrics; this run has " + metrics.size() + ". Resume with the same compile settings.");
            }
            return st;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resume from " + b.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the backup: resuming starts at {@code step} of {@code epoch} with the epoch's running
     * loss so far and, within an epoch, the metrics' states.
     */
    private void backup(int epoch, int step, double epochLossSum, long epochSeen, boolean withMetrics) {
        List<double[]> ms = new ArrayList<>();
        if (withMetrics) {
            for (Metric m : metrics) {
                ms.add(m.state());
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            long passes = layers.get(i).trainingPasses();
            if (passes >= 0) {
                counters.put(Integer.toString(i), passes);
            }
        }
        List<Map<String, Object>> states = new ArrayList<>();
        List<List<float[]>> arrays = new ArrayList<>();
        for (Resumable r : resumables) {
            states.add(r.state());
            arrays.add(r.arrays());
        }
        try {
            TrainingBackup.write(options.backup().file(), model,
                    new TrainingState(epoch, step, epochLossSum, epochSeen, ms, counters, states, arrays), fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the training backup " + options.backup().file() + ": "
                    + e.getMessage(), e);
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
        Shape out = model.outputShape();
        if (Evaluator.sparseTargets(model)) {
            if (y.cols() != 1) {
                throw new IllegalArgumentException("y has shape " + y.shape() + " but "
                        + model.loss().name() + " expects one column of class indices; for one-hot targets use"
                        + " categorical_crossentropy.");
            }
        } else if (y.cols() != out.size()) {
            throw new IllegalArgumentException("y has shape " + y.shape() + " but the last layer "
                    + model.layers().get(model.layers().size() - 1) + " outputs shape " + out.toKerasString()
                    + "; give one target column per output unit (or change the last layer's units).");
        }
    }

    private static Tensor gather(Tensor src, int[] order, int start, int rows, Tensor dst) {
        int cols = src.cols();
        float[] s = src.data();
        float[] d = dst.data();
        for (int i = 0; i < rows; i++) {
            System.arraycopy(s, order[start + i] * cols, d, i * cols, cols);
        }
        return dst;
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
