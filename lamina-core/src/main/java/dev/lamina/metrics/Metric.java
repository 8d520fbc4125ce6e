package dev.lamina.metrics;

import dev.lamina.tensor.Tensor;

/**
 * A quantity accumulated over the batches of an epoch (or an evaluation) and reported in the logs
 * under {@link #name()}, e.g. {@code mae} and {@code val_mae}.
 */
public interface Metric {
    /** The name in the logs: the name it was asked for by ({@code "mae"}, {@code "accuracy"}). */
    String name();

    /** Forgets what was accumulated. */
    void reset();

    /** Accumulates a batch. */
    void update(Tensor yTrue, Tensor yPred);

    /** The value over everything accumulated since the last reset (NaN when nothing was). */
    double result();

    /** What has been accumulated, as numbers (to resume training in the middle of an epoch). */
    double[] state();

    /** Restores what {@link #state()} returned. */
    void restore(double[] state);
}
