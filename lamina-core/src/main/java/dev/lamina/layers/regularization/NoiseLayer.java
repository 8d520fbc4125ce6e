package dev.lamina.layers.regularization;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.random.CounterRandom;
import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.tensor.Shape;

/**
 * A layer that draws random noise when the {@link Mode} asks for it (training and Monte-Carlo
 * sampling) and is the identity otherwise: Dropout and its relatives.
 *
 * <p>The noise of a training step is a pure function of (the layer's seed, the step, the element's
 * index): the seed is the layer's own when given, else drawn from the model's seed when the layer
 * is built; the step counts this layer's training passes ({@link #noiseStep()}), so a resumed run
 * draws exactly what an uninterrupted one would. Sampling draws from a separate stream per
 * (sampling seed, draw) and leaves the step count alone.
 */
public abstract class NoiseLayer extends Layer {
    private final Long seed;
    private long noiseSeed;
    private long step;

    /**
     * @param name the layer name, or null for an automatic one
     * @param seed the layer's own seed, or null to take one from the model's seed
     */
    protected NoiseLayer(String name, Long seed) {
        super(name, true);
        this.seed = seed;
    }

    /** The seed given to the constructor, or null. */
    public final Long seed() {
        return seed;
    }

    /** The number of training passes so far (the step of the next training mask). */
    public final long noiseStep() {
        return step;
    }

    /** Sets the step of the next training pass (to resume a run). */
    public final void setNoiseStep(long step) {
        this.step = step;
    }

    @Override
    public final long trainingPasses() {
        return step;
    }

    @Override
    public final void restoreTrainingPasses(long passes) {
        this.step = passes;
    }

    @Override
    protected final Shape doBuild(Shape inputShape, RandomStream init) {
        noiseSeed = seed != null ? seed : init.nextLong();
        checkInputShape(inputShape);
        return inputShape;
    }

    /** Checks that the layer can take per-sample inputs of {@code inputShape}. */
    protected void checkInputShape(Shape inputShape) {}

    /**
     * The counter key for this pass's noise; a training pass advances the step.
     */
    protected final long noiseKey(Mode mode) {
        if (mode.sampling()) {
            long sampleSeed = CounterRandom.bits(noiseSeed, mode.seed(), 0);
            return CounterRandom.key(sampleSeed, Streams.NOISE + mode.draw());
        }
        return CounterRandom.key(noiseSeed, Streams.NOISE + step++);
    }

    /**
     * The counter of the first noise element of this batch: its first row's offset (in the data when
     * sampling, in the whole batch when training a replica's part; 0 for plain training) times the
     * noise values per row.
     */
    protected static long counterBase(Mode mode, int noisePerRow) {
        return mode.firstRow() * noisePerRow;
    }
}
