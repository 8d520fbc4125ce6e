package dev.lamina.layers.normalization;

import dev.lamina.tensor.VectorApi;

/**
 * Batch normalization's per-element loops with the channels last (the layout after a Dense layer),
 * accumulated in double: the shifted moment sums, the two gradient sums and the input gradient. A
 * Vector API version runs when the JVM has {@code jdk.incubator.vector} (about three times faster:
 * the JIT leaves these float-to-double loops scalar), a plain-Java one otherwise; every element sees
 * the same double operations in the same order in both, and each channel's sums run over the rows
 * in order, so they give the same bits.
 */
interface BatchNormRows {
    /** The implementation for this JVM. */
    BatchNormRows INSTANCE = VectorApi.choose(() -> new VectorBatchNormRows(), Scalar::new);

    /**
     * The mean and biased variance of channels {@code [c0, c1)} over rows {@code [o0, o1)}, in one
     * pass of sums shifted by each channel's value in row o0 ({@code s}): {@code d = (double) x - s},
     * {@code sum += d} and {@code squares += d * d} row after row from 0, then with {@code n} rows
     * {@code m = sum / n}, {@code mean[c] = s + m} and {@code var[c] = max(0, squares / n - m * m)}.
     * The finishing steps run here, in the method the JIT compiles early for its loop over the rows,
     * rather than in a loop of their own that runs a few times a step and compiled only after some
     * epochs.
     */
    void moments(float[] x, int o0, int o1, int channels, int c0, int c1, double[] mean, double[] var);

    /**
     * For channels {@code [c0, c1)} over rows {@code [o0, o1)}: {@code sumDy[c] += g} and
     * {@code sumDyXhat[c] += g * (x - mean[c]) * invStd[c]}, {@code g = (double) dy}, row after row;
     * then, if {@code finish} is not null, its {@link ChannelGradients#finish} for those channels
     * (n = o1 - o0), in this method, which the JIT compiles early.
     */
    void gradientSums(float[] x, float[] dy, int o0, int o1, int channels, int c0, int c1, double[] mean,
                      double[] invStd, double[] sumDy, double[] sumDyXhat, ChannelGradients finish);

    /**
     * For rows {@code [o0, o1)}, every channel:
     * {@code dx = (float) (coef[c] * (n * dy - sumDy[c] - (x - mean[c]) * invStd[c] * sumDyXhat[c]))}.
     */
    void inputGradient(float[] x, float[] dy, float[] dx, int o0, int o1, int channels, double n, double[] coef,
                       double[] mean, double[] invStd, double[] sumDy, double[] sumDyXhat);

    /** The plain-Java loops, also the vector version's tails. */
    final class Scalar implements BatchNormRows {
        @Override
        public void moments(float[] x, int o0, int o1, int channels, int c0, int c1, double[] mean, double[] var) {
            int first = o0 * channels;
            java.util.Arrays.fill(mean, c0, c1, 0);
            java.util.Arrays.fill(var, c0, c1, 0);
            // The shift is read from x, a float array: a third double array would let the JIT
            // suspect it aliases the sums and keep the loop scalar.
            for (int o = o0; o < o1; o++) {
                int base = o * channels;
                for (int c = c0; c < c1; c++) {
                    double d = (double) x[base + c] - x[first + c];
                    mean[c] += d;
                    var[c] += d * d;
                }
            }
            double n = o1 - o0;
            for (int c = c0; c < c1; c++) {
                double m = mean[c] / n;
                mean[c] = (double) x[first + c] + m;
                var[c] = Math.max(0, var[c] / n - m * m);
            }
        }

        @Override
        public void gradientSums(float[] x, float[] dy, int o0, int o1, int channels, int c0, int c1, double[] mean,
                                 double[] invStd, double[] sumDy, double[] sumDyXhat, ChannelGradients finish) {
            for (int o = o0; o < o1; o++) {
                int base = o * channels;
                for (int c = c0; c < c1; c++) {
                    double g = dy[base + c];
                    sumDy[c] += g;
                    sumDyXhat[c] += g * (x[base + c] - mean[c]) * invStd[c];
                }
            }
            if (finish != null) {
                finish.finish(c0, c1, o1 - o0, invStd, sumDy, sumDyXhat);
            }
        }

        @Override
        public void inputGradient(float[] x, float[] dy, float[] dx, int o0, int o1, int channels, double n,
                                  double[] coef, double[] mean, double[] invStd, double[] sumDy, double[] sumDyXhat) {
            for (int o = o0; o < o1; o++) {
                inputGradientRow(x, dy, dx, o * channels, 0, channels, n, coef, mean, invStd, sumDy, sumDyXhat);
            }
        }

        /** One row's channels {@code [c0, c1)}, the row starting at {@code base}. */
        static void inputGradientRow(float[] x, float[] dy, float[] dx, int base, int c0, int c1, double n,
                                     double[] coef, double[] mean, double[] invStd, double[] sumDy,
                                     double[] sumDyXhat) {
            for (int c = c0; c < c1; c++) {
                double xhat = (x[base + c] - mean[c]) * invStd[c];
                dx[base + c] = (float) (coef[c] * (n * dy[base + c] - sumDy[c] - xhat * sumDyXhat[c]));
            }
        }
    }
}
