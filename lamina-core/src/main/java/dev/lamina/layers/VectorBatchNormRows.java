package dev.lamina.layers;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormRows} on the Vector API: the double arithmetic takes a vector of floats at a time
 * as two vectors of doubles; the channels after the last whole vector go through the plain-Java
 * loops. Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <p>Only the preferred species are used, as in the GEMM: a second float species (say 256-bit
 * halves for the conversions) makes the Vector API's shared code see two vector classes, and the
 * GEMM's micro-kernel, recompiled after that, ran at half speed.
 *
 * <p>Each row is its own small method: a call covers a whole batch, and a method entered that
 * rarely would run its long loop in the interpreter or C1, where every vector operation allocates
 * (ten times slower than plain Java), until an on-stack replacement; a method per row reaches C2
 * after a few hundred rows.
 */
final class VectorBatchNormRows extends ScalarBatchNormRows {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int HALF = D.length();
    /** The upper half of a float vector's lanes. */
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(F, ((1L << F.length()) - 1) & -(1L << HALF));

    private static DoubleVector low(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    private static DoubleVector high(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /** The two halves back as one float vector, each lane rounded as {@code (float)} does. */
    private static FloatVector narrow(DoubleVector lo, DoubleVector hi) {
        FloatVector l = (FloatVector) lo.convertShape(VectorOperators.D2F, F, 0);
        FloatVector h = (FloatVector) hi.convertShape(VectorOperators.D2F, F, -1);
        return l.blend(h, UPPER);
    }

    @Override
    public void shiftedSums(float[] x, int r0, int r1, int channels, int c0, int c1, double[] shift, double[] s1,
                            double[] s2) {
        int vecEnd = c0 + (c1 - c0) / F.length() * F.length();
        for (int r = r0; r < r1; r++) {
            shiftedSumsRow(x, r * channels, c0, vecEnd, shift, s1, s2);
        }
        super.shiftedSums(x, r0, r1, channels, vecEnd, c1, shift, s1, s2);
    }

    private static void shiftedSumsRow(float[] x, int base, int c0, int c1, double[] shift, double[] s1,
                                       double[] s2) {
        for (int c = c0; c < c1; c += F.length()) {
            FloatVector xv = FloatVector.fromArray(F, x, base + c);
            shiftedSumsHalf(low(xv), c, shift, s1, s2);
            shiftedSumsHalf(high(xv), c + HALF, shift, s1, s2);
        }
    }

    private static void shiftedSumsHalf(DoubleVector xv, int c, double[] shift, double[] s1, double[] s2) {
        DoubleVector d = xv.sub(DoubleVector.fromArray(D, shift, c));
        DoubleVector.fromArray(D, s1, c).add(d).intoArray(s1, c);
        DoubleVector.fromArray(D, s2, c).add(d.mul(d)).intoArray(s2, c);
    }

    @Override
    public void affine(float[] x, float[] y, int r0, int r1, int channels, float[] scale, float[] shift) {
        int vecEnd = channels / F.length() * F.length();
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            affineVectors(x, y, base, vecEnd, scale, shift);
            affineRow(x, y, base, vecEnd, channels, scale, shift);
        }
    }

    private static void affineVectors(float[] x, float[] y, int base, int c1, float[] scale, float[] shift) {
        for (int c = 0; c < c1; c += F.length()) {
            FloatVector.fromArray(F, x, base + c).mul(FloatVector.fromArray(F, scale, c))
                    .add(FloatVector.fromArray(F, shift, c)).intoArray(y, base + c);
        }
    }

    @Override
    public void gradientSums(float[] x, float[] dy, int r0, int r1, int channels, int c0, int c1, double[] mean,
                             double[] invStd, double[] sumDy, double[] sumDyXhat) {
        int vecEnd = c0 + (c1 - c0) / F.length() * F.length();
        for (int r = r0; r < r1; r++) {
            gradientSumsRow(x, dy, r * channels, c0, vecEnd, mean, invStd, sumDy, sumDyXhat);
        }
        super.gradientSums(x, dy, r0, r1, channels, vecEnd, c1, mean, invStd, sumDy, sumDyXhat);
    }

    private static void gradientSumsRow(float[] x, float[] dy, int base, int c0, int c1, double[] mean,
                                        double[] invStd, double[] sumDy, double[] sumDyXhat) {
        for (int c = c0; c < c1; c += F.length()) {
            FloatVector xv = FloatVector.fromArray(F, x, base + c);
            FloatVector gv = FloatVector.fromArray(F, dy, base + c);
            gradientSumsHalf(low(xv), low(gv), c, mean, invStd, sumDy, sumDyXhat);
            gradientSumsHalf(high(xv), high(gv), c + HALF, mean, invStd, sumDy, sumDyXhat);
        }
    }

    private static void gradientSumsHalf(DoubleVector xv, DoubleVector g, int c, double[] mean, double[] invStd,
                                         double[] sumDy, double[] sumDyXhat) {
        DoubleVector.fromArray(D, sumDy, c).add(g).intoArray(sumDy, c);
        DoubleVector t = g.mul(xv.sub(DoubleVector.fromArray(D, mean, c))).mul(DoubleVector.fromArray(D, invStd, c));
        DoubleVector.fromArray(D, sumDyXhat, c).add(t).intoArray(sumDyXhat, c);
    }

    @Override
    public void inputGradient(float[] x, float[] dy, float[] dx, int r0, int r1, int channels, double n,
                              double[] mean, double[] invStd, double[] coef, double[] sumDy, double[] sumDyXhat) {
        int vecEnd = channels / F.length() * F.length();
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            inputGradientVectors(x, dy, dx, base, vecEnd, n, mean, invStd, coef, sumDy, sumDyXhat);
            inputGradientRow(x, dy, dx, base, vecEnd, channels, n, mean, invStd, coef, sumDy, sumDyXhat);
        }
    }

    private static void inputGradientVectors(float[] x, float[] dy, float[] dx, int base, int c1, double n,
                                             double[] mean, double[] invStd, double[] coef, double[] sumDy,
                                             double[] sumDyXhat) {
        for (int c = 0; c < c1; c += F.length()) {
            FloatVector xv = FloatVector.fromArray(F, x, base + c);
            FloatVector gv = FloatVector.fromArray(F, dy, base + c);
            DoubleVector lo = inputGradientHalf(low(xv), low(gv), c, n, mean, invStd, coef, sumDy, sumDyXhat);
            DoubleVector hi = inputGradientHalf(high(xv), high(gv), c + HALF, n, mean, invStd, coef, sumDy,
                    sumDyXhat);
            narrow(lo, hi).intoArray(dx, base + c);
        }
    }

    private static DoubleVector inputGradientHalf(DoubleVector xv, DoubleVector g, int c, double n, double[] mean,
                                                  double[] invStd, double[] coef, double[] sumDy,
                                                  double[] sumDyXhat) {
        DoubleVector xhat = xv.sub(DoubleVector.fromArray(D, mean, c)).mul(DoubleVector.fromArray(D, invStd, c));
        DoubleVector v = g.mul(n).sub(DoubleVector.fromArray(D, sumDy, c))
                .sub(xhat.mul(DoubleVector.fromArray(D, sumDyXhat, c)));
        return DoubleVector.fromArray(D, coef, c).mul(v);
    }
}
