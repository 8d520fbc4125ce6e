package dev.lamina.data;

import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * Where {@code fit}, {@code evaluate} and {@code predict} take their rows from, one batch at a time:
 * tensors in memory ({@link #of(Tensor, Tensor)}), a CSV file read as it goes
 * ({@link CsvSource}), or the user's own batches ({@link #ofBatches}). Each pass (an epoch, an
 * evaluation) asks the source for new {@link Batches}, with a {@link BatchPlan} that says how to
 * batch and shuffle; a source whose order is a pure function of the plan makes a run
 * reproducible. Keras' counterparts are the arrays, {@code tf.data} datasets and
 * {@code PyDataset}s that {@code fit} accepts (its {@code EpochIterator}); PyTorch's is the
 * {@code IterableDataset}.
 */
public interface DataSource extends AutoCloseable {
    /** The shape of one row of inputs, without the batch dimension. */
    Shape inputShape();

    /** The shape of one row of targets, without the batch dimension; null for a source of inputs only. */
    Shape targetShape();

    /** Whether the batches carry sample weights. */
    default boolean weighted() {
        return false;
    }

    /** The rows of one pass, or -1 where the source cannot tell before it has been read. */
    long rows();

    /** A new pass over the rows, batched and ordered as {@code plan} says. */
    Batches batches(BatchPlan plan);

    /**
     * A short text that identifies the data, for a training backup to be resumed only with the
     * same data: shapes and a hash of every value for tensors, the file with its size and time
     * of change for a file; {@code "not identified"} where the source cannot tell.
     */
    default String fingerprint() {
        return "not identified";
    }

    /** Releases what the source holds (files, connections); the default holds nothing. */
    @Override
    default void close() {}

    /**
     * This source with {@code inputs} applied to every batch's inputs and {@code targets} to its
     * targets (a scaler's transform, for example). The functions must keep each row's shape.
     */
    default DataSource map(UnaryOperator<Tensor> inputs, UnaryOperator<Tensor> targets) {
        return new MappedSource(this, inputs, targets);
    }

    /**
     * Rows in memory: {@code x} and {@code y} with one row per example (y may be null for
     * prediction). Shuffling permutes the rows by a pure function of the seed and the epoch, the
     * order {@code fit} on tensors has always used.
     *
     * @throws IllegalArgumentException for empty tensors or different row counts
     */
    static DataSource of(Tensor x, Tensor y) {
        return new TensorSource(x, y, null);
    }

    /**
     * Rows in memory with a weight per row (Keras' {@code sample_weight}): each row's loss counts in
     * proportion to its weight. Weights must be finite and not negative.
     *
     * @throws IllegalArgumentException for empty tensors, different row counts or a bad weight
     */
    static DataSource of(Tensor x, Tensor y, Tensor sampleWeight) {
        return new TensorSource(x, y, sampleWeight);
    }

    /**
     * The user's own batches: each pass calls {@code batches.iterator()}, which must start over
     * (as a collection's does), and takes its batches as they come; the plan's batch size and
     * shuffle do not apply (as Keras ignores {@code batch_size} for a dataset). The shapes are
     * those of the first batch; every batch must have them.
     */
    static DataSource ofBatches(Iterable<Batch> batches) {
        return new IterableSource(batches);
    }
}
