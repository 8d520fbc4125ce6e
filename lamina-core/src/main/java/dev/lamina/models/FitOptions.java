package dev.lamina.models;

import dev.lamina.callbacks.Callback;
import dev.lamina.data.DataSource;
import dev.lamina.data.LastBatch;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@link Sequential#fit}, immutable, with Keras' defaults: 1 epoch, batch size
 * 32, shuffling every epoch, no validation, verbose 1. Each method returns a changed copy.
 *
 * <pre>{@code
 * FitOptions.defaults().epochs(100).batchSize(256).validationSplit(0.2)
 *     .callbacks(new EarlyStopping("val_loss").patience(10).restoreBestWeights(true))
 * }</pre>
 *
 * @param epochs the epoch to stop after (counted with {@code initialEpoch}), &gt;= 0
 * @param batchSize samples per step, &gt; 0
 * @param validationSplit the fraction of the rows, taken from the end before shuffling, held out
 *     for validation, in [0, 1)
 * @param validationX validation inputs (overrides the split), or null
 * @param validationY validation targets, or null
 * @param shuffle whether to shuffle the training rows every epoch
 * @param initialEpoch the epoch to start at (to resume a run)
 * @param callbacks callbacks in call order
 * @param verbose 0 silent, 1 progress bar, 2 one line per epoch
 * @param seed the shuffling seed, or null to use the model's seed
 * @param out where progress is printed
 * @param lastBatchOfOne what to do with a last batch of one row (default {@link LastBatch#KEEP}, as Keras)
 * @param backup where to back up the run so that it can resume after an interruption, or null
 * @param validationSource validation data from any {@link DataSource} (overrides the split and
 *     {@code validationX}), or null
 * @param classWeight a weight per class index for the training rows (Keras' {@code class_weight}),
 *     or null
 */
public record FitOptions(int epochs, int batchSize, double validationSplit, Tensor validationX, Tensor validationY,
                         boolean shuffle, int initialEpoch, List<Callback> callbacks, int verbose, Long seed,
                         PrintStream out, LastBatch lastBatchOfOne, Backup backup, DataSource validationSource,
                         Map<Integer, Double> classWeight) {
    /** Validates the arguments. */
    public FitOptions {
        Check.arg(epochs >= 0, "fit", "epochs", epochs, "an integer >= 0");
        Check.arg(batchSize > 0, "fit", "batch_size", batchSize, "a positive integer");
        Check.arg(validationSplit >= 0 && validationSplit < 1, "fit", "validation_split", validationSplit,
                "a number in [0, 1)");
        Check.arg((validationX == null) == (validationY == null), "fit", "validation_data",
                validationX == null ? "y without x" : "x without y", "both x and y, or neither");
        Check.arg(initialEpoch >= 0, "fit", "initial_epoch", initialEpoch, "an integer >= 0");
        Check.arg(verbose >= 0 && verbose <= 2, "fit", "verbose", verbose, "0, 1 or 2");
        callbacks = List.copyOf(callbacks);
        Check.notNull(out, "fit", "out");
        Check.notNull(lastBatchOfOne, "fit", "lastBatchOfOne");
        if (classWeight != null) {
            classWeight = Map.copyOf(classWeight);
            classWeight.forEach((k, v) -> Check.arg(k != null && v != null && Double.isFinite(v) && v >= 0, "fit",
                    "class_weight", k + "=" + v, "finite weights >= 0 for class indices"));
        }
    }

    /** Keras' defaults. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, 0, null, null, true, 0, List.of(), 1, null, System.out, LastBatch.KEEP, null,
                null, null);
    }

    /** The number of epochs. */
    public FitOptions epochs(int epochs) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** The batch size. */
    public FitOptions batchSize(int batchSize) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** The fraction of rows held out from the end for validation. */
    public FitOptions validationSplit(double split) {
        return new FitOptions(epochs, batchSize, split, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** Explicit validation data. */
    public FitOptions validationData(Tensor x, Tensor y) {
        return new FitOptions(epochs, batchSize, validationSplit, x, y, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, null, classWeight);
    }

    /**
     * Validation data from a source (a streaming CSV, the user's batches), read in order once per
     * epoch; it replaces validation tensors and the split.
     */
    public FitOptions validationData(DataSource validation) {
        Check.notNull(validation, "fit", "validation_data");
        return new FitOptions(epochs, batchSize, validationSplit, null, null, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validation, classWeight);
    }

    /**
     * A weight per class for the training rows (Keras' {@code class_weight}): each row weighs what
     * its class does, the class being the integer label (rounded half to even), the arg-max of a
     * one-hot row, or the 0/1 target of a sigmoid; classes left out weigh 1. It weighs the training
     * loss (not the metrics, not validation), as Keras' does; it cannot be combined with sample
     * weights.
     */
    public FitOptions classWeight(Map<Integer, Double> weights) {
        Check.notNull(weights, "fit", "class_weight");
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, weights);
    }

    /** Whether to shuffle every epoch. */
    public FitOptions shuffle(boolean shuffle) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** The epoch to start at. */
    public FitOptions initialEpoch(int epoch) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, epoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** The callbacks (replacing any given before). */
    public FitOptions callbacks(Callback... callbacks) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                new ArrayList<>(List.of(callbacks)), verbose, seed, out, lastBatchOfOne, backup, validationSource,
                classWeight);
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch. */
    public FitOptions verbose(int verbose) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** The shuffling seed. */
    public FitOptions seed(long seed) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** Where progress is printed. */
    public FitOptions out(PrintStream out) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, backup, validationSource, classWeight);
    }

    /** What to do with a last batch of one row. */
    public FitOptions lastBatchOfOne(LastBatch policy) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, policy, backup, validationSource, classWeight);
    }

    /**
     * Backs the run up to {@code dir} at every epoch end and every {@code everySteps} steps (0: epoch
     * ends only), and resumes from a backup found there; see {@link Backup}.
     */
    public FitOptions backupAndRestore(java.nio.file.Path dir, int everySteps) {
        return new FitOptions(epochs, batchSize, validationSplit, validationX, validationY, shuffle, initialEpoch,
                callbacks, verbose, seed, out, lastBatchOfOne, new Backup(dir, everySteps), validationSource,
                classWeight);
    }
}
