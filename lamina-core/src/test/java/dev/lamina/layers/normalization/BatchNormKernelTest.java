package dev.lamina.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Batch normalization's passes against their definitions: the one-pass shifted moments match a
 * two-pass computation in double, also on unscaled data far from zero; the gradient sums and the
 * input gradient follow their formulas, with channels last and in the middle.
 */
class BatchNormKernelTest {
    private static float[] data(int n, long seed, double center, double spread) {
        RandomStream r = new RandomStream(seed, 0);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (center + spread * r.nextGaussian());
        }
        return a;
    }

    private static double[] doubles(int n, long seed) {
        RandomStream r = new RandomStream(seed, 1);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.5 + r.nextFloat();
        }
        return a;
    }

    @Test
    void shiftedMomentsMatchTwoPassMomentsOnUnscaledData() {
        int ch = 17;
        int rows = 256;
        for (double center : new double[] {0, 1e4, -3e6}) {
            float[] x = data(rows * ch, 9, center, 1.5);
            BatchNormKernel kernel = new BatchNormKernel();
            double[] mean = new double[ch];
            double[] var = new double[ch];
            kernel.moments(x, 0, rows, ch, 1, mean, var);
            for (int c = 0; c < ch; c++) {
                double m = 0;
                for (int r = 0; r < rows; r++) {
                    m += x[r * ch + c];
                }
                m /= rows;
                double v = 0;
                for (int r = 0; r < rows; r++) {
                    double d = x[r * ch + c] - m;
                    v += d * d;
                }
                v /= rows;
                assertEquals(m, mean[c], 1e-12 * Math.max(1, Math.abs(m)), "mean, center " + center);
                assertEquals(v, var[c], 1e-9 * v, "variance, center " + center);
            }
        }
    }

    @Test
    void gradientPassesFollowTheirFormulas() {
        int rows = 13;
        for (int[] layout : new int[][] {{1030, 1}, {17, 1}, {5, 3}}) {
            int ch = layout[0];
            int inner = layout[1];
            String at = ch + " channels x " + inner;
            float[] x = data(rows * ch * inner, ch, 2, 3);
            float[] dy = data(rows * ch * inner, ch + 100, 0, 1);
            double[] mean = doubles(ch, 1);
            double[] inv = doubles(ch, 2);
            double[] gammaEff = doubles(ch, 3);
            double[] sumDy = new double[ch];
            double[] sumDyXhat = new double[ch];
            BatchNormKernel kernel = new BatchNormKernel();
            ChannelGradients finish = new ChannelGradients();
            finish.gammaEff = gammaEff;
            finish.r = doubles(ch, 4);
            finish.d = doubles(ch, 5);
            finish.dg = new float[ch];
            finish.db = new float[ch];
            java.util.Arrays.fill(finish.dg, 0.5f);
            finish.coef = new double[ch];
            kernel.sums(x, dy, 0, rows, ch, inner, mean, inv, sumDy, sumDyXhat, finish);
            float[] dx = new float[x.length];
            kernel.inputGradient(x, dy, dx, 0, rows, ch, inner, mean, inv, finish.coef, sumDy, sumDyXhat);
            double n = rows * inner;
            for (int c = 0; c < ch; c += Math.max(1, ch / 9)) {
                double s = 0;
                double sx = 0;
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < inner; i++) {
                        int k = (r * ch + c) * inner + i;
                        s += dy[k];
                        sx += dy[k] * (x[k] - mean[c]) * inv[c];
                    }
                }
                assertEquals(s, sumDy[c], 1e-12 * rows, at);
                assertEquals(sx, sumDyXhat[c], 1e-12 * rows * 10, at);
                assertEquals(gammaEff[c] * inv[c] / n, finish.coef[c], at + ", coefficient");
                assertEquals(0.5f + (float) (finish.r[c] * sumDyXhat[c] + finish.d[c] * sumDy[c]), finish.dg[c],
                        at + ", gamma's gradient");
                assertEquals((float) sumDy[c], finish.db[c], at + ", beta's gradient");
                for (int r = 0; r < rows; r++) {
                    int k = (r * ch + c) * inner;
                    double xhat = (x[k] - mean[c]) * inv[c];
                    double expected = gammaEff[c] * inv[c] / n * (n * dy[k] - sumDy[c] - xhat * sumDyXhat[c]);
                    assertEquals((float) expected, dx[k], at + ", row " + r);
                }
            }
        }
    }

    /** The vector loops give the plain loops' bits, also in the channels past the last whole vectors. */
    @Test
    void vectorRowsMatchPlainRowsBitForBit() {
        BatchNormRows plain = new BatchNormRows.Scalar();
        BatchNormRows vector = new VectorBatchNormRows();
        int rows = 37;
        for (int ch : new int[] {1, 7, 16, 33, 1030}) {
            float[] x = data(rows * ch, ch, 3e3, 2);
            float[] dy = data(rows * ch, ch + 1, 0, 1);
            double[][] moments = new double[4][ch];
            java.util.Arrays.fill(moments[2], Double.NaN);
            java.util.Arrays.fill(moments[3], Double.NaN);
            plain.moments(x, 2, rows, ch, 0, ch, moments[0], moments[1]);
            vector.moments(x, 2, rows, ch, 0, ch, moments[2], moments[3]);
            assertArrayEquals(moments[0], moments[2], "mean, " + ch + " channels");
            assertArrayEquals(moments[1], moments[3], "variance, " + ch + " channels");
            int c1 = Math.max(1, ch - 3);
            double[] part = new double[2 * ch];
            vector.moments(x, 5, rows, ch, 1, c1, part, new double[ch]);
            for (int c = 1; c < c1; c++) {
                double sum = 0;
                for (int r = 5; r < rows; r++) {
                    sum += (double) x[r * ch + c] - x[5 * ch + c];
                }
                assertEquals(x[5 * ch + c] + sum / (rows - 5), part[c], "mean of channel " + c + " of " + ch);
            }
            double[] mean = doubles(ch, 4);
            double[] inv = doubles(ch, 5);
            double[] coef = doubles(ch, 6);
            double[][] grads = new double[4][ch];
            plain.gradientSums(x, dy, 1, rows - 1, ch, 0, ch, mean, inv, grads[0], grads[1], null);
            vector.gradientSums(x, dy, 1, rows - 1, ch, 0, ch, mean, inv, grads[2], grads[3], null);
            assertArrayEquals(grads[0], grads[2], "sum of dy, " + ch + " channels");
            assertArrayEquals(grads[1], grads[3], "sum of dy xhat, " + ch + " channels");
            float[] dx1 = new float[x.length];
            float[] dx2 = new float[x.length];
            plain.inputGradient(x, dy, dx1, 3, rows, ch, rows - 3.0, coef, mean, inv, grads[0], grads[1]);
            vector.inputGradient(x, dy, dx2, 3, rows, ch, rows - 3.0, coef, mean, inv, grads[0], grads[1]);
            assertArrayEquals(dx1, dx2, "input gradient, " + ch + " channels");
        }
    }
}
