package dev.lamina.layers.normalization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormRows} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}.
 * A float vector is widened into two double vectors (its low and high halves; the preferred species
 * only, see {@code VectorSpeciesRuleTest}), and the sums stay in registers across the rows, one
 * float vector of channels at a time.
 */
final class VectorBatchNormRows implements BatchNormRows {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector: half a float vector. */
    private static final int H = D.length();
    /** The float lanes filled from the high double vector. */
    private static final VectorMask<Float> HIGH = FloatVector.zero(F).addIndex(1).compare(VectorOperators.GE, H);
    /** The loops for the channels past the last whole float vector. */
    private static final Scalar TAIL = new Scalar();

    private static DoubleVector low(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    private static DoubleVector high(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /** The sums in registers per float vector of channels, then finished by a scalar loop here. */
    @Override
    public void moments(float[] x, int o0, int o1, int channels, int c0, int c1, double[] mean, double[] var) {
        int c = c0;
        for (; c + F.length() <= c1; c += F.length()) {
            FloatVector h = FloatVector.fromArray(F, x, o0 * channels + c);
            DoubleVector h0 = low(h);
            DoubleVector h1 = high(h);
            // Zeros made here, not one zero shared from outside the loop: C2 boxed the shared
            // one on every call (120 bytes a step).
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = DoubleVector.zero(D);
            DoubleVector q0 = DoubleVector.zero(D);
            DoubleVector q1 = DoubleVector.zero(D);
            for (int o = o0; o < o1; o++) {
                FloatVector v = FloatVector.fromArray(F, x, o * channels + c);
                DoubleVector d0 = low(v).sub(h0);
                DoubleVector d1 = high(v).sub(h1);
                s0 = s0.add(d0);
                s1 = s1.add(d1);
                q0 = q0.add(d0.mul(d0));
                q1 = q1.add(d1.mul(d1));
            }
            s0.intoArray(mean, c);
            s1.intoArray(mean, c + H);
            q0.intoArray(var, c);
            q1.intoArray(var, c + H);
        }
        // The plain version's finishing loop, written out here rather than called: as a method of
        // its own it was compiled separately, OSR then again, in W1's timed epochs (12 ms).
        int first = o0 * channels;
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
        int c = c0;
        for (; c + F.length() <= c1; c += F.length()) {
            DoubleVector m0 = DoubleVector.fromArray(D, mean, c);
            DoubleVector m1 = DoubleVector.fromArray(D, mean, c + H);
            DoubleVector i0 = DoubleVector.fromArray(D, invStd, c);
            DoubleVector i1 = DoubleVector.fromArray(D, invStd, c + H);
            DoubleVector s0 = DoubleVector.fromArray(D, sumDy, c);
            DoubleVector s1 = DoubleVector.fromArray(D, sumDy, c + H);
            DoubleVector x0 = DoubleVector.fromArray(D, sumDyXhat, c);
            DoubleVector x1 = DoubleVector.fromArray(D, sumDyXhat, c + H);
            for (int o = o0; o < o1; o++) {
                int at = o * channels + c;
                FloatVector g = FloatVector.fromArray(F, dy, at);
                FloatVector v = FloatVector.fromArray(F, x, at);
                DoubleVector g0 = low(g);
                DoubleVector g1 = high(g);
                s0 = s0.add(g0);
                s1 = s1.add(g1);
                x0 = x0.add(g0.mul(low(v).sub(m0)).mul(i0));
                x1 = x1.add(g1.mul(high(v).sub(m1)).mul(i1));
            }
            s0.intoArray(sumDy, c);
            s1.intoArray(sumDy, c + H);
            x0.intoArray(sumDyXhat, c);
            x1.intoArray(sumDyXhat, c + H);
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
