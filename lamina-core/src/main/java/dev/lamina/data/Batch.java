package dev.lamina.data;

import dev.lamina.tensor.Tensor;

/**
 * One batch of rows: inputs and, for training and evaluation, targets. A source may hand out the
 * same tensors again for its next batch, so a batch is read before the next one is asked for.
 *
 * @param x the inputs, one row per example
 * @param y the targets, one row per example, or null where the source has none (prediction)
 * @param weights one weight per row (Keras' {@code sample_weight}), or null for rows of equal weight
 */
public record Batch(Tensor x, Tensor y, Tensor weights) {
    /**
     * Checks that there are rows and that inputs and targets have as many.
     *
     * @throws IllegalArgumentException naming the mismatch
     */
    public Batch {
        if (x == null) {
            throw new IllegalArgumentException("A batch needs its inputs x (it got null).");
        }
        if (x.shape().rank() < 1 || x.rows() == 0) {
            throw new IllegalArgumentException("A batch needs at least one row; x has shape " + x.shape() + ".");
        }
        if (y != null && y.rows() != x.rows()) {
            throw new IllegalArgumentException("A batch's x has " + x.rows() + " rows but its y has " + y.rows()
                    + "; give one target row per input row.");
        }
        if (weights != null && weights.size() != x.rows()) {
            throw new IllegalArgumentException("A batch's x has " + x.rows() + " rows but it has " + weights.size()
                    + " sample weights; give one weight per row.");
        }
    }

    /** A batch whose rows weigh the same. */
    public Batch(Tensor x, Tensor y) {
        this(x, y, null);
    }

    /** The weights as an array (one per row), or null for rows of equal weight. */
    public float[] weightArray() {
        return weights == null ? null : weights.data();
    }

    /** The number of rows. */
    public int rows() {
        return x.rows();
    }
}
