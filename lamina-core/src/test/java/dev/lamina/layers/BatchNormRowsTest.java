package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The batch-normalization loops: the Vector API and plain-Java versions give the same bits for
 * every channel count (whole vectors, tails, channel sub-ranges), the input gradient follows its
 * formula, and the one-pass shifted moments match a two-pass computation in double, also on
 * unscaled data far from zero.
 */
class BatchNormRowsTest {
    private static final int[] CHANNELS = {1, 3, 7, 8, 9, 16, 17, 33, 1030};
    private static final int ROWS = 13;

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
    void vectorAndScalarLoopsGiveTheSameBits() {
        BatchNormRows vector = new VectorBatchNormRows();
        BatchNormRows scalar = new ScalarBatchNormRows();
        for (int ch : CHANNELS) {
            float[] x = data(ROWS * ch, ch, 2, 3);
            float[] dy = data(ROWS * ch, ch + 100, 0, 1);
            double[] mean = doubles(ch, 1);
            double[] inv = doubles(ch, 2);
            double[] coef = doubles(ch, 3);
            int c0 = Math.min(1, ch - 1);
            String at = ch + " channels";
            double[][] v = {new double[ch], new double[ch]};
            double[][] s = {new double[ch], new double[ch]};
            float[] first = java.util.Arrays.copyOf(x, ch);
            vector.shiftedSums(x, 1, ROWS, ch, c0, ch, first, v[0], v[1]);
            scalar.shiftedSums(x, 1, ROWS, ch, c0, ch, first, s[0], s[1]);
            assertArrayEquals(s[0], v[0], at);
            assertArrayEquals(s[1], v[1], at);
            vector.gradientSums(x, dy, 0, ROWS, ch, c0, ch, mean, inv, v[0], v[1]);
            scalar.gradientSums(x, dy, 0, ROWS, ch, c0, ch, mean, inv, s[0], s[1]);
            assertArrayEquals(s[0], v[0], at);
            assertArrayEquals(s[1], v[1], at);
            float[] yv = new float[ROWS * ch];
            float[] ys = new float[ROWS * ch];
            float[] scale = data(ch, 5, 1, 0.5);
            float[] shift = data(ch, 6, 0, 1);
            vector.affine(x, yv, 2, ROWS, ch, scale, shift);
            scalar.affine(x, ys, 2, ROWS, ch, scale, shift);
            assertArrayEquals(ys, yv, at);
            vector.inputGradient(x, dy, yv, 0, ROWS, ch, ROWS, mean, inv, coef, s[0], s[1]);
            scalar.inputGradient(x, dy, ys, 0, ROWS, ch, ROWS, mean, inv, coef, s[0], s[1]);
            assertArrayEquals(ys, yv, at);
            assertEquals((float) (coef[0] * (ROWS * (double) dy[0] - s[0][0] - (x[0] - mean[0]) * inv[0] * s[1][0])),
                    ys[0], at);
        }
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
}
