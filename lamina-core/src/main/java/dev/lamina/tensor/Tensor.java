package dev.lamina.tensor;

import dev.lamina.util.Check;
import java.util.Arrays;

/**
 * A dense row-major array of 32-bit floats with a {@link Shape}.
 *
 * <p>The data array is exposed ({@link #data()}) so that kernels can run over it without copies;
 * element {@code (i, j)} of a rank-2 tensor lives at {@code data[i * cols + j]}. A tensor of any
 * rank can be seen as a matrix of {@link #rows()} (first dimension) by {@link #cols()} (the
 * product of the other dimensions).
 *
 * <p>Tensors returned by a layer's {@code forward} or {@code backward} are the layer's own work
 * buffers: they stay valid until that layer's next call. Copy them ({@link #copy()}) to keep them.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;

    private Tensor(Shape shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    /** A tensor of zeros with the given dimensions. */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    /**
     * A tensor over {@code data} (not copied).
     *
     * @throws IllegalArgumentException when the data length differs from the shape's size
     */
    public static Tensor wrap(float[] data, int... dims) {
        Shape shape = Shape.of(dims);
        Check.notNull(data, "Tensor", "data");
        Check.that(data.length == shape.size(), "Tensor of shape " + shape + " needs " + shape.size()
                + " values but received " + data.length + ".");
        return new Tensor(shape, data);
    }

    /**
     * A rank-2 tensor copied from rows of equal length.
     *
     * @throws IllegalArgumentException when there are no rows, or rows differ in length (names the row)
     */
    public static Tensor of(float[][] rows) {
        Check.notNull(rows, "Tensor", "rows");
        Check.that(rows.length > 0, "Cannot make a Tensor from an empty array: it has no rows.");
        int cols = rows[0].length;
        Check.that(cols > 0, "Cannot make a Tensor from rows with no columns.");
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Row " + i + " has " + rows[i].length + " values but row 0 has "
                        + cols + "; all rows must have the same length.");
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(Shape.of(rows.length, cols), data);
    }

    /** A rank-2 tensor copied from rows of doubles (narrowed to float). */
    public static Tensor of(double[][] rows) {
        Check.notNull(rows, "Tensor", "rows");
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < f[i].length; j++) {
                f[i][j] = (float) rows[i][j];
            }
        }
        return of(f);
    }

    /** A column vector (shape {@code [n, 1]}) copied from {@code values}. */
    public static Tensor column(float... values) {
        return wrap(values.clone(), values.length, 1);
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The backing array (row-major, not a copy). */
    public float[] data() {
        return data;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The first dimension. */
    public int rows() {
        return shape.rank() == 0 ? 1 : shape.dim(0);
    }

    /** The product of all dimensions but the first. */
    public int cols() {
        return shape.rank() == 0 ? 1 : data.length / shape.dim(0);
    }

    /** Element {@code (row, col)} of the matrix view. */
    public float get(int row, int col) {
        return data[row * cols() + col];
    }

    /** Sets element {@code (row, col)} of the matrix view. */
    public void set(int row, int col, float value) {
        data[row * cols() + col] = value;
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** A tensor over the same data with another shape of the same size. */
    public Tensor reshape(int... dims) {
        return wrap(data, dims);
    }

    /** Copies {@code other}'s values into this tensor. */
    public void copyFrom(Tensor other) {
        if (other.data.length != data.length) {
            throw new IllegalArgumentException("Cannot copy a tensor of shape " + other.shape + " into one of shape "
                    + shape + ".");
        }
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    /** Sets every element to {@code value}. */
    public void fill(float value) {
        Arrays.fill(data, value);
    }

    /** The rows as nested arrays (a copy). */
    public float[][] toArray() {
        int r = rows();
        int c = cols();
        float[][] out = new float[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(data, i * c, out[i], 0, c);
        }
        return out;
    }

    /** Values and shape equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    /** The shape and up to the first 8 values. */
    @Override
    public String toString() {
        int n = Math.min(8, data.length);
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
