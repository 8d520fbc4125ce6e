package dev.lamina.layers.normalization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormRows} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}.
 * A float vector is widened into two double vectors (its low and high halves; the preferred species
 * only, see {@code VectorSpeciesRuleTest}). The per-channel sums are kept in their arrays and the
 * rows are walked in order, a block of channels at a time, each channel's terms added row after
 * row as in the plain loops. (The sums in registers, walking one vector of channels down all the
 * rows, read each 64-byte line twice, half at a time, and with 1,024 channels every row's piece
 * falls in the same set of L1, so the second half came from L2: BN's backward sums were 2.8 % of a
 * W1 step on a Zen 3.)
 */
final class VectorBatchNormRows implements BatchNormRows {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector: half a float vector. */
    private static final int H = D.length();
    /** The float lanes filled from the high double vector. */
    private static final VectorMask<Float> HIGH = FloatVector.zero(F).addIndex(1).compare(VectorOperators.GE, H);
    /**
     * Channels per sweep down the rows in {@link #moments} and {@link #gradientSums}: their sums
     * (4 KiB of doubles per array) stay in L1 while each row's piece of the input is read once, a
     * whole line at a time.
     */
    private static final int BLOCK = 128;
    /** The loops for the channels past the last whole float vector. */
    private static final Scalar TAIL = new Scalar();

    private static DoubleVector low(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    private static DoubleVector high(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /** The shifted sums a block of channels at a time (see {@link #BLOCK}), then finished by a scalar loop here. */
    @Override
    public void moments(float[] x, int o0, int o1, int channels, int c0, int c1, double[] mean, double[] var) {
        int c = c0 + (c1 - c0) / F.length() * F.length();
        java.util.Arrays.fill(mean, c0, c, 0);
        java.util.Arrays.fill(var, c0, c, 0);
        int first = o0 * channels;
        for (int cb = c0; cb < c; cb += BLOCK) {
            int ce = Math.min(c, cb + BLOCK);
            for (int o = o0; o < o1; o++) {
                int row = o * channels;
                for (int v = cb; v < ce; v += F.length()) {
                    FloatVector h = FloatVector.fromArray(F, x, first + v);
                    FloatVector e = FloatVector.fromArray(F, x, row + v);
                    DoubleVector d0 = low(e).sub(low(h));
                    DoubleVector d1 = high(e).sub(high(h));
                    DoubleVector.fromArray(D, mean, v).add(d0).intoArray(mean, v);
                    DoubleVector.fromArray(D, mean, v + H).add(d1).intoArray(mean, v + H);
                    DoubleVector.fromArray(D, var, v).add(d0.mul(d0)).intoArray(var, v);
                    DoubleVector.fromArray(D, var, v + H).add(d1.mul(d1)).intoArray(var, v + H);
                }
            }
        }
        // The plain version's finishing loop, written out here rather than called: as a method of
        // its own it was compiled separately, OSR then again, in W1's timed epochs (12 ms).
        double n = o1 - o0;
        for (int v = c0; v < c; v++) {
            double m = mean[v] / n;
            mean[v] = (double) x[first + v] + m;
            var[v] = Math.max(0, var[v] / n - m * m);
        }
        if (c < c1) {
            TAIL.moments(x, o0, o1, channels, c, c1, mean, var);
        }
    }

    @Override
    public void gradientSums(float[] x, float[] dy, int o0, int o1, int channels, int c0, int c1, double[] mean,
                             double[] invStd, double[] sumDy, double[] sumDyXhat, ChannelGradients finish) {
        int c = c0 + (c1 - c0) / F.length() * F.length();
        for (int cb = c0; cb < c; cb += BLOCK) {
            int ce = Math.min(c, cb + BLOCK);
            for (int o = o0; o < o1; o++) {
                int row = o * channels;
                for (int v = cb; v < ce; v += F.length()) {
                    FloatVector g = FloatVector.fromArray(F, dy, row + v);
                    FloatVector e = FloatVector.fromArray(F, x, row + v);
                    DoubleVector g0 = low(g);
                    DoubleVector g1 = high(g);
                    DoubleVector.fromArray(D, sumDy, v).add(g0).intoArray(sumDy, v);
                    DoubleVector.fromArray(D, sumDy, v + H).add(g1).intoArray(sumDy, v + H);
                    // dy * (x - mean) * invStd, in this order, as the scalar loop does it.
                    DoubleVector t0 = g0.mul(low(e).sub(DoubleVector.fromArray(D, mean, v)))
                            .mul(DoubleVector.fromArray(D, invStd, v));
                    DoubleVector t1 = g1.mul(high(e).sub(DoubleVector.fromArray(D, mean, v + H)))
                            .mul(DoubleVector.fromArray(D, invStd, v + H));
                    DoubleVector.fromArray(D, sumDyXhat, v).add(t0).intoArray(sumDyXhat, v);
                    DoubleVector.fromArray(D, sumDyXhat, v + H).add(t1).intoArray(sumDyXhat, v + H);
                }
            }
        }
        if (finish != null) {
            finish.finish(c0, c, o1 - o0, invStd, sumDy, sumDyXhat);
        }
        if (c < c1) {
            TAIL.gradientSums(x, dy, o0, o1, channels, c, c1, mean, invStd, sumDy, sumDyXhat, finish);
        }
    }

    @Override
    public void inputGradient(float[] x, float[] dy, float[] dx, int o0, int o1, int channels, double n, double[] coef,
                              double[] mean, double[] invStd, double[] sumDy, double[] sumDyXhat) {
        int end = F.loopBound(channels);
        for (int o = o0; o < o1; o++) {
            int base = o * channels;
            for (int c = 0; c < end; c += F.length()) {
                FloatVector v = FloatVector.fromArray(F, x, base + c);
                FloatVector g = FloatVector.fromArray(F, dy, base + c);
                // Written out rather than through a helper that takes and returns vectors: JDK 25's
                // C2 compiled such a helper (and narrow) on its own, then did not inline it, and
                // every vector that crossed the call was boxed (6 KB a training step).
                DoubleVector lo = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector hi = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
                DoubleVector glo = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector ghi = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 1);
                // coef * (n * dy - sumDy - xhat * sumDyXhat), xhat = (x - mean) * invStd
                DoubleVector xhat = lo.sub(DoubleVector.fromArray(D, mean, c)).mul(DoubleVector.fromArray(D, invStd, c));
                lo = DoubleVector.fromArray(D, coef, c).mul(glo.mul(n).sub(DoubleVector.fromArray(D, sumDy, c))
                        .sub(xhat.mul(DoubleVector.fromArray(D, sumDyXhat, c))));
                int c1 = c + H;
                xhat = hi.sub(DoubleVector.fromArray(D, mean, c1)).mul(DoubleVector.fromArray(D, invStd, c1));
                hi = DoubleVector.fromArray(D, coef, c1).mul(ghi.mul(n).sub(DoubleVector.fromArray(D, sumDy, c1))
                        .sub(xhat.mul(DoubleVector.fromArray(D, sumDyXhat, c1))));
                // Each lane rounded to float as (float) rounds it (signed zeros kept).
                FloatVector a = (FloatVector) lo.convertShape(VectorOperators.D2F, F, 0);
                FloatVector b = (FloatVector) hi.convertShape(VectorOperators.D2F, F, -1);
                a.blend(b, HIGH).intoArray(dx, base + c);
            }
            Scalar.inputGradientRow(x, dy, dx, base, end, channels, n, coef, mean, invStd, sumDy, sumDyXhat);
        }
    }
}
