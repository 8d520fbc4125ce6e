package dev.lamina.tensor;

/**
 * Kernels on tensors seen as matrices: products through the current {@link Backend}, row and
 * column reductions, and elementwise helpers.
 */
public final class Ops {
    private Ops() {}

    /** {@code out = op(a) * op(b)}, with shapes checked; {@code a} and {@code b} are matrices. */
    public static void matmul(Tensor a, Transpose ta, Tensor b, Transpose tb, Tensor out) {
        int m = ta == Transpose.NO ? a.rows() : a.cols();
        int k = ta == Transpose.NO ? a.cols() : a.rows();
        int kb = tb == Transpose.NO ? b.rows() : b.cols();
        int n = tb == Transpose.NO ? b.cols() : b.rows();
        if (k != kb || out.rows() != m || out.cols() != n) {
            throw new IllegalArgumentException("Cannot multiply " + a.shape() + (ta == Transpose.YES ? "ᵀ" : "")
                    + " by " + b.shape() + (tb == Transpose.YES ? "ᵀ" : "") + " into " + out.shape() + ".");
        }
        Backends.current().gemm(ta, tb, m, n, k, 1f, a.data(), a.cols(), b.data(), b.cols(), 0f,
                out.data(), out.cols());
    }

    /** {@code out[j] = sum over rows i of x[i, j]} (e.g. the bias gradient), summed in row order. */
    public static void sumRows(Tensor x, float[] out) {
        sumRows(x.data(), x.rows(), x.cols(), out);
    }

    /** {@code out[j] = sum over i < rows of d[i * cols + j]}, summed in row order. */
    public static void sumRows(float[] d, int r, int c, float[] out) {
        java.util.Arrays.fill(out, 0, c, 0f);
        RowKernels.INSTANCE.addRowsInto(d, r, c, out);
    }

    /**
     * {@code y[i * cols + j] = x[i * cols + j] * scale[j] + shift[j]} for rows {@code i} in
     * {@code [fromRow, toRow)} (e.g. batch normalization's affine pass); {@code y} may be {@code x}.
     */
    public static void scaleAndShiftRows(float[] x, float[] y, int fromRow, int toRow, int cols, float[] scale,
                                         float[] shift) {
        RowKernels.INSTANCE.scaleAndShiftRows(x, y, fromRow, toRow, cols, scale, shift);
    }

    /** {@code m[i * cols + j] += row[j]} for rows {@code i} in {@code [fromRow, toRow)} (e.g. adding a bias). */
    public static void addToRows(float[] m, float[] row, int fromRow, int toRow, int cols) {
        RowKernels.INSTANCE.addToRows(m, row, fromRow, toRow, cols);
    }

    /** The sum of all elements, accumulated in double. */
    public static double sum(Tensor x) {
        double s = 0;
        for (float v : x.data()) {
            s += v;
        }
        return s;
    }

    /** The index of the first non-finite element, or -1 when all are finite. */
    public static int firstNonFinite(float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }
}
