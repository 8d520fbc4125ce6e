package dev.lamina.random;

/**
 * The stream numbers Lamina draws from, so that no two uses of one seed overlap.
 * A layer's initializers use {@code INIT + index of the layer * 16 + index of the weight};
 * the shuffle of epoch {@code e} uses {@code SHUFFLE + e} (a streamed file's {@code CHUNKS + e}); the
 * validation split uses {@code SPLIT}.
 */
public final class Streams {
    /** Base stream of weight initializers. */
    public static final long INIT = 1L << 40;
    /** Base stream of the per-epoch shuffles. */
    public static final long SHUFFLE = 2L << 40;
    /** Stream of random splits of data. */
    public static final long SPLIT = 3L << 40;
    /** Base stream of layers that draw noise in training (dropout and relatives). */
    public static final long NOISE = 4L << 40;
    /** Base stream of a streamed file's per-epoch order (its chunks, then the rows of each shuffle window). */
    public static final long CHUNKS = 5L << 40;

    private Streams() {}
}
