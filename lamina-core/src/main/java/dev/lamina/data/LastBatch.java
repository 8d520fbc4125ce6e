package dev.lamina.data;

/**
 * What {@code fit} does with a last batch of a single row (when the number of training rows is one
 * more than a multiple of the batch size). A BatchNormalization layer cannot train on one row (its
 * variance is 0), so such a model needs {@link #MERGE} or {@link #DROP}.
 */
public enum LastBatch {
    /** Train on it, as Keras does (the default). */
    KEEP,
    /** Add the row to the batch before it (one batch of batch size + 1). */
    MERGE,
    /** Skip it this epoch (with shuffling, a different row each epoch). */
    DROP
}
