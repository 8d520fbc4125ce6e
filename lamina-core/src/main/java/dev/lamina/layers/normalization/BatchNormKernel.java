package dev.lamina.layers.normalization;

import dev.lamina.tensor.Ops;
import dev.lamina.tensor.ParallelLoop;

/**
 * The arithmetic of batch normalization on data laid out as {@code [outer, channels, inner]}
 * (channels = the normalized axis): per-channel moments over a range of outer indices, the affine
 * pass {@code y = x * scale[c] + shift[c]}, and the backward pass through the batch statistics.
 * Sums are accumulated in double.
 *
 * <p>Each pass is shared among the worker threads: the per-channel sums by channels (each channel
 * summed by one thread, in the same order as on one thread, so the bits do not depend on the
 * thread count), the element-wise passes by outer index. One instance per layer, reused, so a
 * pass allocates nothing once its scratch arrays have grown to the channel count.
 *
 * <p>With the channels last ({@code inner == 1}, the layout after a Dense layer) each direction
 * reads the data twice: forward, the moments in one pass
 * (sums of {@code x - s} and its square with {@code s} the range's first row, in double: shifting
 * by a sample of the data keeps the one-pass variance accurate on unscaled inputs, where
 * {@code E[x^2] - E[x]^2} would cancel) and the affine pass; backward, the two gradient sums in
 * one pass and the input gradient. Other layouts take two passes for the moments. The affine pass
 * runs on {@link Ops#scaleAndShiftRows}, the channels-last double loops on {@link BatchNormRows}
 * (both vectorized where the JVM has the Vector API); other layouts' loops stay plain.
 */
final class BatchNormKernel {
    private final Moments moments = new Moments();
    private final Affine affine = new Affine();
    private final Sums sums = new Sums();
    private final InputGradient inputGradient = new InputGradient();

    /** Mean and biased variance per channel over outer indices [o0, o1). */
    void moments(float[] x, int o0, int o1, int channels, int inner, double[] mean, double[] var) {
        Moments p = moments;
        p.set(x, o0, o1, channels, inner);
        p.mean = mean;
        p.var = var;
        p.run(channels, 2L * (o1 - o0) * channels * inner, 8);
        p.x = null;
    }

    /** {@code y = x * scale[c] + shift[c]} over outer indices [o0, o1). */
    void affine(float[] x, float[] y, int o0, int o1, int channels, int inner, float[] scale, float[] shift) {
        Affine p = affine;
        p.set(x, 0, 0, channels, inner);
        p.y = y;
        p.scale = scale;
        p.shift = shift;
        p.o0 = o0;
        p.run(o1 - o0, (long) (o1 - o0) * channels * inner, 1);
        p.x = null;
        p.y = null;
    }

    /**
     * Per-channel {@code sumDy = sum dy} and {@code sumDyXhat = sum dy * (x - mean) * invStd} over
     * outer indices [o0, o1).
     */
    void sums(float[] x, float[] dy, int o0, int o1, int channels, int inner, double[] mean, double[] invStd,
              double[] sumDy, double[] sumDyXhat, ChannelGradients finish) {
        Sums p = sums;
        p.finish = finish;
        p.set(x, o0, o1, channels, inner);
        p.dy = dy;
        p.mean = mean;
        p.invStd = invStd;
        p.sumDy = sumDy;
        p.sumDyXhat = sumDyXhat;
        p.run(channels, 2L * (o1 - o0) * channels * inner, 8);
        p.x = null;
        p.dy = null;
        p.finish = null;
    }

    /**
     * The input gradient through batch statistics:
     * {@code dx = coef * (n dy - sumDy - xhat sumDyXhat)}, over outer [o0, o1), with {@code coef}
     * from {@link ChannelGradients#finish} ({@code gammaEff * invStd / n}).
     */
    void inputGradient(float[] x, float[] dy, float[] dx, int o0, int o1, int channels, int inner,
                       double[] mean, double[] invStd, double[] coef, double[] sumDy, double[] sumDyXhat) {
        InputGradient p = inputGradient;
        p.set(x, o0, o1, channels, inner);
        p.coef = coef;
        p.dy = dy;
        p.dx = dx;
        p.mean = mean;
        p.invStd = invStd;
        p.sumDy = sumDy;
        p.sumDyXhat = sumDyXhat;
        p.run(o1 - o0, 3L * (o1 - o0) * channels * inner, 1);
        p.x = null;
        p.dy = null;
        p.dx = null;
    }

    /** The layout shared by every pass. */
    private abstract static class Pass extends ParallelLoop {
        float[] x;
        int o0;
        int o1;
        int channels;
        int inner;

        final void set(float[] x, int o0, int o1, int channels, int inner) {
            this.x = x;
            this.o0 = o0;
            this.o1 = o1;
            this.channels = channels;
            this.inner = inner;
        }
    }

    /** Channels [c0, c1): shifted sums in one pass (channels last), else the mean then the variance around it. */
    private static final class Moments extends Pass {
        double[] mean;
        double[] var;

        @Override
        protected void body(int c0, int c1) {
            if (inner == 1) {
                BatchNormRows.INSTANCE.moments(x, o0, o1, channels, c0, c1, mean, var);
                return;
            }
            java.util.Arrays.fill(mean, c0, c1, 0);
            java.util.Arrays.fill(var, c0, c1, 0);
            long n = (long) (o1 - o0) * inner;
            for (int o = o0; o < o1; o++) {
                int base = o * channels * inner;
                for (int c = c0; c < c1; c++) {
                    int off = base + c * inner;
                    double s = 0;
                    for (int i = 0; i < inner; i++) {
                        s += x[off + i];
                    }
                    mean[c] += s;
                }
            }
            for (int c = c0; c < c1; c++) {
                mean[c] /= n;
            }
            for (int o = o0; o < o1; o++) {
                int base = o * channels * inner;
                for (int c = c0; c < c1; c++) {
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
            for (int c = c0; c < c1; c++) {
                var[c] /= n;
            }
        }

    }

    /** Outer indices o0 + [from, to). */
    private static final class Affine extends Pass {
        float[] y;
        float[] scale;
        float[] shift;

        @Override
        protected void body(int from, int to) {
            if (inner == 1) {
                Ops.scaleAndShiftRows(x, y, o0 + from, o0 + to, channels, scale, shift);
                return;
            }
            for (int o = o0 + from; o < o0 + to; o++) {
                int base = o * channels * inner;
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

    /** Channels [c0, c1). */
    private static final class Sums extends Pass {
        float[] dy;
        double[] mean;
        double[] invStd;
        double[] sumDy;
        double[] sumDyXhat;
        ChannelGradients finish;

        @Override
        protected void body(int c0, int c1) {
            java.util.Arrays.fill(sumDy, c0, c1, 0);
            java.util.Arrays.fill(sumDyXhat, c0, c1, 0);
            if (inner == 1) {
                BatchNormRows.INSTANCE.gradientSums(x, dy, o0, o1, channels, c0, c1, mean, invStd, sumDy, sumDyXhat,
                        finish);
                return;
            }
            for (int o = o0; o < o1; o++) {
                int base = o * channels * inner;
                for (int c = c0; c < c1; c++) {
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
            if (finish != null) {
                finish.finish(c0, c1, (double) (o1 - o0) * inner, invStd, sumDy, sumDyXhat);
            }
        }
    }

    /** Outer indices o0 + [from, to); n is the whole range's element count per channel. */
    private static final class InputGradient extends Pass {
        float[] dy;
        float[] dx;
        double[] mean;
        double[] invStd;
        double[] coef;
        double[] sumDy;
        double[] sumDyXhat;

        @Override
        protected void body(int from, int to) {
            double n = (double) (o1 - o0) * inner;
            if (inner == 1) {
                BatchNormRows.INSTANCE.inputGradient(x, dy, dx, o0 + from, o0 + to, channels, n, coef, mean, invStd,
                        sumDy, sumDyXhat);
                return;
            }
            for (int o = o0 + from; o < o0 + to; o++) {
                int base = o * channels * inner;
                for (int c = 0; c < channels; c++) {
                    int off = base + c * inner;
                    double k = coef[c];
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
}
