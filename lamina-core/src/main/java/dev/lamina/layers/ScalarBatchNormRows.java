package dev.lamina.layers;

/**
 * {@link BatchNormRows} in plain Java; also the vector version's loop for the channels after its
 * last whole vector. The per-channel methods take a channel range so that the vector version can
 * hand over its tail.
 */
class ScalarBatchNormRows implements BatchNormRows {
    @Override
    public void shiftedSums(float[] x, int r0, int r1, int channels, int c0, int c1, float[] shift, double[] s1,
                            double[] s2) {
        // The shift is a float array: a third double array would let the JIT suspect it aliases
        // the sums and keep the loop scalar.
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            for (int c = c0; c < c1; c++) {
                double d = (double) x[base + c] - shift[c];
                s1[c] += d;
                s2[c] += d * d;
            }
        }
    }

    @Override
    public void affine(float[] x, float[] y, int r0, int r1, int channels, float[] scale, float[] shift) {
        for (int r = r0; r < r1; r++) {
            affineRow(x, y, r * channels, 0, channels, scale, shift);
        }
    }

    /** One row's channels [c0, c1), the row starting at {@code base}. */
    static void affineRow(float[] x, float[] y, int base, int c0, int c1, float[] scale, float[] shift) {
        for (int c = c0; c < c1; c++) {
            y[base + c] = x[base + c] * scale[c] + shift[c];
        }
    }

    @Override
    public void gradientSums(float[] x, float[] dy, int r0, int r1, int channels, int c0, int c1, double[] mean,
                             double[] invStd, double[] sumDy, double[] sumDyXhat) {
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            for (int c = c0; c < c1; c++) {
                double g = dy[base + c];
                sumDy[c] += g;
                sumDyXhat[c] += g * (x[base + c] - mean[c]) * invStd[c];
            }
        }
    }

    @Override
    public void inputGradient(float[] x, float[] dy, float[] dx, int r0, int r1, int channels, double n,
                              double[] mean, double[] invStd, double[] coef, double[] sumDy, double[] sumDyXhat) {
        for (int r = r0; r < r1; r++) {
            inputGradientRow(x, dy, dx, r * channels, 0, channels, n, mean, invStd, coef, sumDy, sumDyXhat);
        }
    }

    /** One row's channels [c0, c1), the row starting at {@code base}. */
    static void inputGradientRow(float[] x, float[] dy, float[] dx, int base, int c0, int c1, double n,
                                 double[] mean, double[] invStd, double[] coef, double[] sumDy, double[] sumDyXhat) {
        for (int c = c0; c < c1; c++) {
            double xhat = (x[base + c] - mean[c]) * invStd[c];
            dx[base + c] = (float) (coef[c] * (n * dy[base + c] - sumDy[c] - xhat * sumDyXhat[c]));
        }
    }
}
