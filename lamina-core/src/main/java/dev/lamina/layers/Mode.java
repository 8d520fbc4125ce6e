package dev.lamina.layers;

/**
 * How a forward pass runs: {@link #TRAINING}, {@link #INFERENCE}, or Monte-Carlo sampling.
 *
 * <ul>
 *   <li>TRAINING: noise layers (Dropout and relatives) draw fresh noise at each step; normalization
 *       layers use and update batch statistics; layers keep what backward needs.</li>
 *   <li>INFERENCE: every layer is deterministic; noise layers are the identity.</li>
 *   <li>{@link #sampling(long, long, long) sampling}: Monte-Carlo prediction (Gal &amp; Ghahramani
 *       2016). Noise layers draw noise as in training, from a stream of their own given by the
 *       sampling seed and draw number, so sampling never disturbs the training sequence;
 *       normalization layers stay in inference mode (the trap of Keras' {@code training=True},
 *       keras-team/keras#9412).</li>
 * </ul>
 */
public final class Mode {
    /** Training. */
    public static final Mode TRAINING = new Mode("TRAINING", true, true, 0, 0, 0);
    /** Inference. */
    public static final Mode INFERENCE = new Mode("INFERENCE", false, false, 0, 0, 0);

    private final String name;
    private final boolean training;
    private final boolean noise;
    private final long seed;
    private final long draw;
    private final long firstRow;

    private Mode(String name, boolean training, boolean noise, long seed, long draw, long firstRow) {
        this.name = name;
        this.training = training;
        this.noise = noise;
        this.seed = seed;
        this.draw = draw;
        this.firstRow = firstRow;
    }

    /**
     * Training on rows that start at row {@code firstRow} of a larger batch, the rest of which other
     * replicas train on (data-parallel training): noise layers draw for these rows what they would
     * draw for them in the whole batch. {@code training(0)} is {@link #TRAINING}.
     */
    public static Mode training(long firstRow) {
        return firstRow == 0 ? TRAINING : new Mode("TRAINING", true, true, 0, 0, firstRow);
    }

    /**
     * Monte-Carlo sampling: draw {@code draw} under {@code seed}, for a batch whose first row is row
     * {@code firstRow} of the data (so the noise of a row does not depend on the batch size).
     */
    public static Mode sampling(long seed, long draw, long firstRow) {
        return new Mode("SAMPLING", false, true, seed, draw, firstRow);
    }

    /** Whether this is training: batch statistics, caches for backward, state updates. */
    public boolean training() {
        return training;
    }

    /** Whether noise layers draw noise (training and sampling). */
    public boolean drawsNoise() {
        return noise;
    }

    /** Whether this is Monte-Carlo sampling. */
    public boolean sampling() {
        return noise && !training;
    }

    /** The sampling seed (0 unless sampling). */
    public long seed() {
        return seed;
    }

    /** The sampling draw (0 unless sampling). */
    public long draw() {
        return draw;
    }

    /** The data row of the batch's first row (when sampling), or its row in the whole batch (training). */
    public long firstRow() {
        return firstRow;
    }

    @Override
    public String toString() {
        return sampling() ? name + "(seed " + seed + ", draw " + draw + ")" : name;
    }
}
