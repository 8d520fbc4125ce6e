package dev.lamina.tensor;

/**
 * Loops that combine a matrix's rows with row vectors: adding a bias to every row, scaling and
 * shifting every row (batch normalization's affine pass), and summing the rows (a bias gradient).
 * A Vector API version when the JVM has {@code jdk.incubator.vector} (the JIT leaves these loops
 * scalar: about four times slower), a plain-Java one otherwise; each
 * element sees the same operations in the same order in both, so they give the same bits.
 */
interface RowKernels {
    /** The implementation for this JVM. */
    RowKernels INSTANCE = VectorApi.choose(() -> new VectorRowKernels(), Scalar::new);

    /** {@code m[i * cols + j] += row[j]} for rows {@code i} in {@code [fromRow, toRow)}. */
    void addToRows(float[] m, float[] row, int fromRow, int toRow, int cols);

    /**
     * {@code y[i * cols + j] = x[i * cols + j] * scale[j] + shift[j]} (multiply, then add) for rows
     * {@code i} in {@code [fromRow, toRow)}.
     */
    void scaleAndShiftRows(float[] x, float[] y, int fromRow, int toRow, int cols, float[] scale, float[] shift);

    /** {@code out[j] += m[i * cols + j]} for each row {@code i < rows}, in row order. */
    void addRowsInto(float[] m, int rows, int cols, float[] out);

    /** The plain-Java loops, also the vector version's tails. */
    final class Scalar implements RowKernels {
        @Override
        public void addToRows(float[] m, float[] row, int fromRow, int toRow, int cols) {
            for (int i = fromRow; i < toRow; i++) {
                addTo(m, i * cols, row, 0, cols);
            }
        }

        @Override
        public void scaleAndShiftRows(float[] x, float[] y, int fromRow, int toRow, int cols, float[] scale,
                                      float[] shift) {
            for (int i = fromRow; i < toRow; i++) {
                scaleAndShift(x, y, i * cols, scale, shift, 0, cols);
            }
        }

        @Override
        public void addRowsInto(float[] m, int rows, int cols, float[] out) {
            for (int i = 0; i < rows; i++) {
                addInto(m, i * cols, out, 0, cols);
            }
        }

        /** {@code m[o + j] += row[j]} for j in [from, to). */
        static void addTo(float[] m, int o, float[] row, int from, int to) {
            for (int j = from; j < to; j++) {
                m[o + j] += row[j];
            }
        }

        /** {@code y[o + j] = x[o + j] * scale[j] + shift[j]} for j in [from, to). */
        static void scaleAndShift(float[] x, float[] y, int o, float[] scale, float[] shift, int from, int to) {
            for (int j = from; j < to; j++) {
                y[o + j] = x[o + j] * scale[j] + shift[j];
            }
        }

        /** {@code out[j] += m[o + j]} for j in [from, to). */
        static void addInto(float[] m, int o, float[] out, int from, int to) {
            for (int j = from; j < to; j++) {
                out[j] += m[o + j];
            }
        }
    }
}
