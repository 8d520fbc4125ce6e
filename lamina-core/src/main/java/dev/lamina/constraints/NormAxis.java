package dev.lamina.constraints;

import dev.lamina.tensor.Tensor;

/**
 * Norms of a weight along an axis: for a kernel {@code [in, out]}, axis 0 gives one norm per
 * output unit (over its incoming weights), axis 1 (or -1) one per input.
 */
final class NormAxis {
    /** Keras' backend epsilon, added to norms before dividing. */
    static final double EPSILON = 1e-7;

    private NormAxis() {}

    /** Scales each slice along {@code axis} by {@code factor(norm)}. */
    static void rescale(Tensor w, int axis, java.util.function.DoubleUnaryOperator factor) {
        float[] d = w.data();
        if (w.shape().rank() == 1) {
            double f = factor.applyAsDouble(norm(d, 0, 1, d.length));
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (d[i] * f);
            }
            return;
        }
        int rows = w.rows();
        int cols = w.cols();
        boolean perColumn = axis == 0;
        int slices = perColumn ? cols : rows;
        for (int s = 0; s < slices; s++) {
            int start = perColumn ? s : s * cols;
            int step = perColumn ? cols : 1;
            int len = perColumn ? rows : cols;
            double f = factor.applyAsDouble(norm(d, start, step, len));
            for (int i = 0; i < len; i++) {
                d[start + i * step] = (float) (d[start + i * step] * f);
            }
        }
    }

    static void checkAxis(String owner, int axis) {
        dev.lamina.util.Check.arg(axis == 0 || axis == 1 || axis == -1, owner, "axis", axis, "0, 1 or -1");
    }

    private static double norm(float[] d, int start, int step, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            double v = d[start + i * step];
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
