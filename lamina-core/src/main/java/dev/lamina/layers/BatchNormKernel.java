package dev.lamina.layers;

/**
 * The arithmetic of batch normalization on data laid out as {@code [outer, channels, inner]}
 * (channels = the normalized axis): per-channel moments over a range of outer indices, the affine
 * pass {@code y = x * scale[c] + shift[c]}, and the backward pass through the batch statistics.
 * Sums are accumulated in double.
 */
final class BatchNormKernel {
    private BatchNormKernel() {}

    /** Mean and biased variance per channel over outer indices [o0, o1) (two passes). */
    static void moments(float[] x, int o0, int o1, int channels, int inner, double[] mean, double[] var) {
        java.util.Arrays.fill(mean, 0, channels, 0);
        java.util.Arrays.fill(var, 0, channels, 0);
        long n = (long) (o1 - o0) * inner;
        for (int o = o0; o < o1; o++) {
            int base = o * channels * inner;
            for (int c = 0; c < channels; c++) {
                int off = base + c * inner;
                double s = 0;
                for (int i = 0; i < inner; i++) {
                    s += x[off + i];
                }
                mean[c] += s;
            }
        }
        for (int c = 0; c < channels; c++) {
            mean[c] /= n;
        }
        for (int o = o0; o < o1; o++) {
            int base = o * channels * inner;
            for (int c = 0; c < channels; c++) {
                int off = base + c * inner;
                double m = mean[c];
                double s = 0;
                for (int i = 0; i < inner; i++) {
                    double d = x[off + i] - m;
                    s += d * d;
                }
                var[c] += s;
            }
        }
        for (int c = 0; c < channels; c++) {
            var[c] /= n;
        }
    }

    /** {@code y = x * scale[c] + shift[c]} over outer indices [o0, o1). */
    static void affine(float[] x, float[] y, int o0, int o1, int channels, int inner, float[] scale, float[] shift) {
        for (int o = o0; o < o1; o++) {
            int base = o * channels * inner;
            if (inner == 1) {
                for (int c = 0; c < channels; c++) {
                    y[base + c] = x[base + c] * scale[c] + shift[c];
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    int off = base + c * inner;
                    float a = scale[c];
                    float b = shift[c];
                    for (int i = 0; i < inner; i++) {
                        y[off + i] = x[off + i] * a + b;
                    }
                }
            }
        }
    }

    /**
     * Per-channel {@code sumDy = sum dy} and {@code sumDyXhat = sum dy * (x - mean) * invStd} over
     * outer indices [o0, o1).
     */
    static void sums(float[] x, float[] dy, int o0, int o1, int channels, int inner, double[] mean, double[] invStd,
                     double[] sumDy, double[] sumDyXhat) {
        java.util.Arrays.fill(sumDy, 0, channels, 0);
        java.util.Arrays.fill(sumDyXhat, 0, channels, 0);
        for (int o = o0; o < o1; o++) {
            int base = o * channels * inner;
            for (int c = 0; c < channels; c++) {
                int off = base + c * inner;
                double m = mean[c];
                double s = 0;
                double sx = 0;
                for (int i = 0; i < inner; i++) {
                    double g = dy[off + i];
                    s += g;
                    sx += g * (x[off + i] - m);
                }
                sumDy[c] += s;
                sumDyXhat[c] += sx * invStd[c];
            }
        }
    }

    /**
     * The input gradient through batch statistics:
     * {@code dx = gammaEff * invStd / n * (n dy - sumDy - xhat sumDyXhat)}, over outer [o0, o1).
     */
    static void inputGradient(float[] x, float[] dy, float[] dx, int o0, int o1, int channels, int inner,
                              double[] mean, double[] invStd, double[] gammaEff, double[] sumDy, double[] sumDyXhat) {
        double n = (double) (o1 - o0) * inner;
        for (int o = o0; o < o1; o++) {
            int base = o * channels * inner;
            for (int c = 0; c < channels; c++) {
                int off = base + c * inner;
                double k = gammaEff[c] * invStd[c] / n;
                double m = mean[c];
                double is = invStd[c];
                double sd = sumDy[c];
                double sdx = sumDyXhat[c];
                for (int i = 0; i < inner; i++) {
                    double xhat = (x[off + i] - m) * is;
                    dx[off + i] = (float) (k * (n * dy[off + i] - sd - xhat * sdx));
                }
            }
        }
    }
}
