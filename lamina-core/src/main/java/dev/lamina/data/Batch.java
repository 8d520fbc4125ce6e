package dev.lamina.data;

import dev.lamina.tensor.Tensor;

/**
 * One batch of rows: inputs and, for training and evaluation, targets. A source may hand out the
 * same tensors again for its next batch, so a batch is read before the next one is asked for.
 *
 * @param x the inputs, one row per example
 * @param y the targets, one row per example, or null where the source has none (prediction)
 */
public record Batch(Tensor x, Tensor y) {
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
    }

    /** The number of rows. */
    public int rows() {
        return x.rows();
    }
}
