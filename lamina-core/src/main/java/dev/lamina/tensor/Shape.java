package dev.lamina.tensor;

import dev.lamina.util.Check;
import java.util.Arrays;

/**
 * The dimensions of a {@link Tensor}, outermost first (row-major). Immutable.
 *
 * <p>Layers describe their inputs and outputs per sample, without the batch dimension: a Dense
 * layer with 64 units has output shape {@code [64]}, and a batch of 32 of its outputs is a tensor
 * of shape {@code [32, 64]}.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given dimensions.
     *
     * @throws IllegalArgumentException when a dimension is not positive, or the size overflows
     */
    public static Shape of(int... dims) {
        Check.notNull(dims, "Shape", "dims");
        long size = 1;
        for (int d : dims) {
            Check.arg(d > 0, "Shape", "dims", Arrays.toString(dims), "positive dimensions");
            size *= d;
            Check.arg(size <= Integer.MAX_VALUE, "Shape", "dims", Arrays.toString(dims),
                    "at most " + Integer.MAX_VALUE + " elements in all");
        }
        return new Shape(dims.clone());
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative {@code i} counts from the end as in Python. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** The number of elements: the product of the dimensions (1 for rank 0). */
    public int size() {
        int s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** This shape with {@code batch} prepended: {@code [64]} becomes {@code [batch, 64]}. */
    public Shape withBatch(int batch) {
        int[] d = new int[dims.length + 1];
        d[0] = batch;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return of(d);
    }

    /** This shape without its first dimension. */
    public Shape withoutBatch() {
        Check.state(dims.length > 0, "A rank-0 shape has no batch dimension to remove.");
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /**
     * Whether this shape is a batch of {@code sample}: one more dimension in front, then the same
     * dimensions (compared without allocating, for checks on every training step).
     */
    public boolean isBatchOf(Shape sample) {
        if (dims.length != sample.dims.length + 1) {
            return false;
        }
        for (int i = 0; i < sample.dims.length; i++) {
            if (dims[i + 1] != sample.dims[i]) {
                return false;
            }
        }
        return true;
    }

    /** Keras' notation with an unknown batch size, e.g. {@code (None, 64)} for per-sample {@code [64]}. */
    public String toKerasString() {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : dims) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** For example {@code [32, 10]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
