package dev.lamina.data;

/**
 * One pass over a {@link DataSource}: its batches in order. Tensors handed out may be reused for
 * the next batch. Closing it early (training stopped) releases what the pass holds, such as a
 * reading thread.
 */
public interface Batches extends AutoCloseable {
    /** The next batch, or null when the pass is over. */
    Batch next();

    /**
     * Skips the next {@code count} batches (to resume a pass in its middle), leaving every later
     * batch as it would have been; by default by reading them.
     */
    default void skip(long count) {
        for (long i = 0; i < count; i++) {
            if (next() == null) {
                return;
            }
        }
    }

    @Override
    default void close() {}
}
