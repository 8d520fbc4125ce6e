package dev.lamina.layers.normalization;

/**
 * The backward pass of a row scaled without being centered, {@code y = x inv scale}, where
 * {@code inv = (s + epsilon)^-1/2} and {@code s} is the mean square of the row's distances from a
 * shift: its mean for LayerNormalization's {@code rms_scaling}, 0 for RMSNormalization. With
 * {@code u = dy scale}: {@code dx_i = inv u_i - inv^3 (x_i - shift) sum_j(u_j x_j) / n}, and
 * {@code dscale_j} gains {@code dy_j x_j inv} from every row.
 */
final class UncenteredScaling {
    private UncenteredScaling() {}

    /**
     * @param rowShift each row's shift, or null for 0
     * @param rowInv each row's {@code inv}
     * @param dScale the scale's gradient, added to
     * @param dx the input's gradient, written; null when it is not needed
     */
    static void backward(float[] x, float[] dy, float[] scale, double[] rowShift, double[] rowInv, int rows, int width,
                         float[] dScale, float[] dx) {
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double shift = rowShift == null ? 0 : rowShift[r];
            double inv = rowInv[r];
            double sumUx = 0;
            for (int j = 0; j < width; j++) {
                sumUx += dy[o + j] * (double) scale[j] * x[o + j];
                dScale[j] += (float) (dy[o + j] * (double) x[o + j] * inv);
            }
            if (dx != null) {
                double k = inv * inv * inv * sumUx / width;
                for (int j = 0; j < width; j++) {
                    dx[o + j] = (float) (inv * dy[o + j] * scale[j] - k * (x[o + j] - shift));
                }
            }
        }
    }
}
