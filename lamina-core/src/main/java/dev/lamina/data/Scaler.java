package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * A per-column affine rescaling {@code x' = (x - offset) / scale}, fitted on training data only and
 * then applied to every split, and kept with the model so that predictions take raw rows.
 */
public interface Scaler {
    /** The scaler's kind, e.g. {@code StandardScaler}. */
    String className();

    /** Learns the offsets and scales from {@code x} (one column per feature). */
    void fit(Tensor x);

    /**
     * Learns the offsets and scales from one in-order pass (two for a scaler that needs the mean
     * first) over {@code data}'s inputs, or its targets if {@code targets}: the same numbers as
     * {@link #fit(Tensor)} on the same rows, without holding them.
     */
    void fit(DataSource data, boolean targets);

    /** Whether {@link #fit} has run. */
    boolean fitted();

    /** The number of columns it was fitted on (0 before {@link #fit}). */
    int columns();

    /** A rescaled copy of {@code x}. */
    Tensor transform(Tensor x);

    /** The original values of rescaled {@code x}. */
    Tensor inverseTransform(Tensor x);

    /**
     * Spreads of rescaled values (standard deviations, distances) in the original units: multiplied
     * by the scale, with no offset.
     */
    Tensor inverseScale(Tensor spread);

    /** The fitted state as a map of numbers (for saving with the model). */
    Map<String, Object> state();
}
