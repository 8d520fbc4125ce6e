package dev.lamina.cli;

import dev.lamina.layers.registry.LayerSpec;
import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.CsvLogger;
import dev.lamina.callbacks.CurveReading;
import dev.lamina.callbacks.EarlyStopping;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.TerminateOnNaN;
import dev.lamina.data.Batch;
import dev.lamina.data.BatchPlan;
import dev.lamina.data.Batches;
import dev.lamina.data.CsvSource;
import dev.lamina.data.DataSource;
import dev.lamina.data.Dataset;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.LastBatch;
import dev.lamina.data.Scaler;
import dev.lamina.data.Scalers;
import dev.lamina.data.Splits;
import dev.lamina.data.Table;
import dev.lamina.layers.Layer;
import dev.lamina.layers.core.Input;
import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.Optimizers;
import dev.lamina.plot.LearningCurves;
import dev.lamina.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamina train}: trains a model on a CSV file. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Trains a model on a CSV file.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source;

    static final class ModelSource {
        @Option(names = "--layers", description = "Layer spec, e.g. \"dense(64, relu) dropout(0.3) batchnorm dense(1)\""
                + " (spaces or commas between layers).")
        String layers;

        @Option(names = "--config", description = "A model config JSON (Keras' Sequential shape, or a .lamina config.json).")
        Path config;

        @Option(names = "--init", description = "Start from this model file's architecture and weights (.lamina, .keras"
                + " or .h5) and fine-tune it.")
        Path init;
    }

    @Option(names = "--loss", description = "Loss (default: mae; for a target of text class labels,"
            + " binary_crossentropy with a last layer of one unit, sparse_categorical_crossentropy with one per class).")
    String loss;

    @Option(names = "--metrics", split = ",", description = "Metrics, comma-separated (e.g. mae,rmse or accuracy).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, rmsprop, adagrad, nadam, adamax, adadelta or lion (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the optimizer's Keras default).")
    Double lr;

    @Option(names = "--gradient-accumulation-steps", description = "Update the weights every this many batches"
            + " with their average gradient (Keras' gradient_accumulation_steps; 2 or more).")
    Integer accumulationSteps;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--validation-split", defaultValue = "0.2", description = "Fraction held out for validation, in [0, 1); 0 for none (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--split", defaultValue = "random", description = "random (seeded, by row) or last (Keras' rule: the last rows) (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--scale", defaultValue = "standard", description = "standard, minmax or none; fitted on the training rows only (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--scale-target", defaultValue = "none", description = "standard, minmax or none: scale a regression"
            + " target for training (fitted on the training rows; predictions are scaled back, and the losses"
            + " printed are in scaled units) (default: ${DEFAULT-VALUE}).")
    String scaleTarget;

    @Option(names = "--early-stopping", description = "Stop after this many epochs without val_loss improving, and keep the best weights.")
    Integer patience;

    @Option(names = "--no-shuffle", description = "Do not shuffle the training rows each epoch.")
    boolean noShuffle;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split, the weights and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Back up the run to this folder and resume from a backup found there"
            + " (after a crash or kill); the backup is removed when training finishes.")
    Path resume;

    @Option(names = "--backup-every", defaultValue = "0", description = "With --resume, also back up every this many"
            + " steps (default: ${DEFAULT-VALUE}, epoch ends only).")
    int backupEvery;

    @Option(names = "--class-weight", description = "Weigh the training loss by class: 'balanced' (rows / (classes"
            + " x rows of the class)) or class=weight pairs such as 0=1,1=3.5 (Keras' class_weight).")
    String classWeight;

    @Option(names = "--weight-column", description = "A column of per-row weights for the loss (Keras' sample_weight);"
            + " not a feature. Validation rows are weighted by it too.")
    String weightColumn;

    @Option(names = "--categorical", split = ",", description = "Columns to treat as categories (one-hot with an"
            + " out-of-vocabulary bucket), overriding the inferred kind.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--numeric", split = ",", description = "Columns to treat as numbers (median imputed, scaled),"
            + " overriding the inferred kind.")
    List<String> numeric = new ArrayList<>();

    @Option(names = "--impute", defaultValue = "median", description = "How numeric columns fill missing cells:"
            + " median, mean, most_frequent, or constant:VALUE (default: ${DEFAULT-VALUE}).")
    String impute;

    @Option(names = "--missing-indicator", description = "Add a 0/1 input beside each numeric column that had missing"
            + " training cells, 1 where the cell was missing (scikit-learn's add_indicator).")
    boolean missingIndicator;

    @Option(names = "--min-frequency", defaultValue = "0", description = "Categories seen fewer times in training go to"
            + " the out-of-vocabulary bucket (default: 2 for columns of more than 20 values, else 1).")
    int minFrequency;

    @Option(names = "--max-tokens", defaultValue = "0", description = "The most categories a column keeps, the"
            + " out-of-vocabulary bucket included, most frequent first (default: no limit).")
    int maxTokens;

    @Option(names = "--ignore", split = ",", description = "Columns the model does not read (ids, free text, leaks).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--stream", description = "Read the file as training goes instead of loading it (for files"
            + " larger than the heap; chosen by itself when loading would take over half the heap). Numeric"
            + " columns only;"
            + " shuffles chunks and windows of rows, seeded.")
    boolean stream;

    @Option(names = "--save", description = "Save the trained model (with its scaler) to this .lamina file.")
    Path save;

    @Option(names = "--plot", description = "Write the learning curves to this PNG file.")
    Path plot;

    @Option(names = "--history", description = "Write loss and metrics per epoch to this CSV file.")
    Path history;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--validation-split must be in [0, 1)"
                    + " (0 trains on every row with no validation), received " + validationSplit + ".");
        }
        if (!split.equals("last") && !split.equals("random")) {
            failSplit();
        }
        if (validationSplit == 0 && patience != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--early-stopping watches val_loss,"
                    + " which --validation-split 0 leaves out; give a fraction such as 0.2.");
        }
        TableTraining tables = new TableTraining(this);
        Table table = tables.tableIfNeeded();
        TrainingData data = table != null ? tables.specified(table, out) : streams() ? streamed() : loaded();
        Scaler scaler = data.spec() != null ? null : Scalers.get(scale);
        if (scaler != null) {
            if (data.inMemory() != null) {
                scaler.fit(data.inMemory().x());
            } else {
                scaler.fit(data.train(), false);
            }
        }
        Scaler targetScaler = Scalers.get(scaleTarget);
        if (targetScaler != null) {
            if (data.classes() != null) {
                throw new IllegalArgumentException("--scale-target scales a numeric target; '"
                        + String.join(",", data.targets()) + "' holds class labels.");
            }
            if (data.inMemory() != null) {
                targetScaler.fit(weightColumn != null ? withoutLast(data.inMemory().y(), false) : data.inMemory().y());
            } else {
                targetScaler.fit(data.train(), true);
            }
        }
        Sequential model = model(data.features().size());
        Optimizer opt = Optimizers.get(optimizer);
        if (lr != null) {
            opt.learningRate(lr);
        }
        if (accumulationSteps != null) {
            opt.gradientAccumulationSteps(accumulationSteps);
        }
        if (loss == null && data.classes() != null) {
            loss = ClassTargets.lossFor(data.targets().get(0), data.classes(), model.outputShape().size(),
                    PredictionColumns.lastActivation(model));
            out.println("Loss: " + loss + ", for " + data.classes().size() + " classes (--loss to choose another).");
        } else if (loss == null) {
            loss = "mae";
        }
        Loss compiledLoss = Losses.get(loss);
        model.compile(opt, compiledLoss, metrics.toArray(new String[0]));
        if (data.classes() != null) {
            ClassTargets.check(data.targets().get(0), data.classes(), compiledLoss, model.outputShape().size());
        }
        // The scaler becomes part of the model: fit, evaluate and predict take raw rows from here on.
        model.setPreprocessing(data.spec() != null
                ? Preprocessing.of(data.spec(), data.targets(), targetScaler).withClasses(data.classes())
                : new Preprocessing(data.features(), data.targets(), scaler, targetScaler));
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(new TerminateOnNaN());
        boolean terminal = System.console() != null;
        if (terminal) {
            callbacks.add(new TerminalProgress(epochs, (int) ((data.trainRows() + batchSize - 1) / batchSize),
                    System.out));
        }
        if (patience != null) {
            callbacks.add(new EarlyStopping("val_loss").patience(patience).restoreBestWeights(true));
        }
        if (history != null) {
            callbacks.add(new CsvLogger(history));
        }
        FitOptions fo = FitOptions.defaults().epochs(epochs).batchSize(batchSize).shuffle(!noShuffle).seed(seed)
                .verbose(terminal ? 0 : 2)
                .lastBatchOfOne(LastBatch.MERGE).callbacks(callbacks.toArray(new Callback[0]));
        if (classWeight != null) {
            if (weightColumn != null) {
                throw new IllegalArgumentException("--class-weight and --weight-column cannot be combined (as in"
                        + " Keras); fold the class weights into the weight column.");
            }
            fo = fo.classWeight(ClassWeightOption.parse(classWeight, data.inMemory() != null ? data.inMemory().y()
                    : streamedTargets(data.train())));
        }
        if (data.inMemoryValidation() != null && weightColumn != null) {
            Dataset v = data.inMemoryValidation();
            fo = fo.validationData(DataSource.of(v.x(), withoutLast(v.y(), false), withoutLast(v.y(), true)));
        } else if (data.inMemoryValidation() != null) {
            fo = fo.validationData(data.inMemoryValidation().x(), data.inMemoryValidation().y());
        } else if (data.validation() != null) {
            fo = fo.validationData(data.validation());
        }
        if (resume != null) {
            fo = fo.backupAndRestore(resume, backupEvery);
        }
        History h;
        if (data.inMemory() != null && weightColumn != null) {
            Dataset t = data.inMemory();
            h = model.fit(t.x(), withoutLast(t.y(), false), withoutLast(t.y(), true), fo);
        } else if (data.inMemory() != null) {
            h = model.fit(data.inMemory().x(), data.inMemory().y(), fo);
        } else {
            h = model.fit(data.train(), fo);
        }
        CurveReading reading = CurveReading.of(h);
        out.println(reading.text());
        if (reading.verdict() == CurveReading.Verdict.DIVERGED && scaler == null && data.inMemory() != null) {
            String advice = DataAdvice.scale(data.inMemory());
            if (advice != null) {
                out.println(advice);
            }
        }
        boolean slow = reading.verdict() == CurveReading.Verdict.STALLED
                || reading.verdict() == CurveReading.Verdict.UNDERFITTING;
        if (slow && targetScaler == null && data.classes() == null && data.inMemory() != null) {
            Tensor y = weightColumn != null ? withoutLast(data.inMemory().y(), false) : data.inMemory().y();
            String advice = DataAdvice.scaleTarget(y, data.targets());
            if (advice != null) {
                out.println(advice);
            }
        }
        if (save != null) {
            model.save(save);
            out.println("Saved the model to " + save + ".");
        }
        if (plot != null) {
            Charts.write(LearningCurves.of(h).title("learning curves").yLabel(loss), plot);
            out.println("Wrote " + plot + ".");
        }
        out.flush();
        return reading.verdict() == CurveReading.Verdict.DIVERGED ? 1 : 0;
    }

    /**
     * The rows to train and validate on: in memory, or streamed from the file.
     *
     * @param train the training rows
     * @param validation the validation rows, or null
     * @param inMemory the training rows as a dataset when loaded, else null
     * @param inMemoryValidation the validation rows as a dataset when loaded, else null
     */
    record TrainingData(DataSource train, DataSource validation, Dataset inMemory, Dataset inMemoryValidation,
                                long trainRows, List<String> features, List<String> targets, FeatureSpec spec,
                                List<String> classes) {}

    /** Whether to stream: asked for, or a file whose loading would take over half the heap and that streaming can read. */
    private boolean streams() throws java.io.IOException {
        boolean canStream = dataOptions.oneHot.isEmpty() && !dataOptions.dropMissing && weightColumn == null;
        if (stream && !canStream) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream reads numeric columns"
                    + " with every value present; --one-hot, --drop-missing and --weight-column need the file"
                    + " loaded (leave out --stream).");
        }
        return stream || canStream && StreamChoice.overHeap(dataOptions.data);
    }

    private TrainingData loaded() {
        Dataset all = dataOptions.load(null, null);
        if (weightColumn != null) {
            // The weights ride along as a last target column through the split, then leave it.
            List<String> targets = new ArrayList<>(dataOptions.target);
            if (targets.contains(weightColumn)) {
                throw new IllegalArgumentException("--weight-column " + weightColumn + " is also the target; choose"
                        + " another column.");
            }
            targets.add(weightColumn);
            all = dataOptions.load(targets, null, targets);
        }
        dataOptions.reportDropped(spec.commandLine().getOut());
        Dataset train = all;
        Dataset valid = null;
        if (validationSplit > 0) {
            Splits.Split parts = split.equals("last") ? Splits.lastFraction(all, validationSplit)
                    : Splits.random(all, 1 - validationSplit, seed);
            train = parts.train();
            valid = parts.validation();
        }
        List<String> targetNames = weightColumn == null ? all.targetNames()
                : all.targetNames().subList(0, all.targetNames().size() - 1);
        return new TrainingData(null, null, train, valid, train.rows(), all.featureNames(), targetNames, null, null);
    }

    private TrainingData streamed() {
        if (dataOptions.target.isEmpty()) {
            throw new IllegalArgumentException("Choose the target column with --target.");
        }
        CsvSource all = CsvSource.of(dataOptions.data, dataOptions.target.toArray(new String[0]));
        if (!dataOptions.features.isEmpty()) {
            all = all.features(dataOptions.features);
        }
        CsvSource train = all;
        CsvSource valid = null;
        if (validationSplit > 0) {
            CsvSource.Split parts = split.equals("last") ? all.splitLast(validationSplit)
                    : all.split(validationSplit, seed);
            train = parts.training();
            valid = parts.validation();
        }
        return new TrainingData(train, valid, null, null, train.rows(), all.featureNames(), all.targetNames(), null, null);
    }

    /** The targets without their last column ({@code last} false) or that column alone ({@code last} true). */
    private static Tensor withoutLast(Tensor y, boolean last) {
        int cols = y.cols();
        int keep = last ? 1 : cols - 1;
        float[] out = new float[y.rows() * keep];
        for (int r = 0; r < y.rows(); r++) {
            if (last) {
                out[r] = y.data()[r * cols + cols - 1];
            } else {
                System.arraycopy(y.data(), r * cols, out, r * keep, keep);
            }
        }
        return Tensor.wrap(out, y.rows(), keep);
    }

    /** The targets of a streamed training source, read once (for --class-weight balanced). */
    private static Tensor streamedTargets(DataSource train) {
        List<Tensor> parts = new ArrayList<>();
        int rows = 0;
        try (Batches pass = train.batches(BatchPlan.inOrder(65536))) {
            for (Batch b = pass.next(); b != null; b = pass.next()) {
                parts.add(b.y().copy());
                rows += b.rows();
            }
        }
        int cols = parts.get(0).cols();
        float[] out = new float[rows * cols];
        int at = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), 0, out, at, p.size());
            at += p.size();
        }
        return Tensor.wrap(out, rows, cols);
    }

    private void failSplit() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split must be random or last, received '"
                + split + "'.");
    }

    private Sequential model(int features) throws Exception {
        if (source.init != null) {
            Sequential m = ModelFilesCli.open(source.init);
            if (m.inputShape().size() != features) {
                throw new IllegalArgumentException(source.init + " expects " + m.inputShape().size() + " inputs but the"
                        + " data has " + features + " feature columns.");
            }
            return m;
        }
        if (source.config != null) {
            Sequential m = dev.lamina.models.ModelFiles.fromConfigJson(Files.readString(source.config),
                    source.config.toString());
            if (m.inputShape().size() != features) {
                throw new IllegalArgumentException(source.config + " expects " + m.inputShape().size() + " inputs but the"
                        + " data has " + features + " feature columns.");
            }
            return m;
        }
        Sequential m = new Sequential();
        m.add(Input.of(features));
        for (Layer l : LayerSpec.parse(source.layers)) {
            m.add(l);
        }
        return m.seed(seed);
    }
}
