package dev.lamina.layers;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormRows} on the Vector API: the double sums take floats {@code D.length()} at a
 * time, widened to doubles; the channels after the last whole vector go through the plain-Java
 * loops. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorBatchNormRows extends ScalarBatchNormRows {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as D. */
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private static DoubleVector widen(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(H, a, i).convertShape(VectorOperators.F2D, D, 0);
    }

    @Override
    public void shiftedSums(float[] x, int r0, int r1, int channels, int c0, int c1, double[] shift, double[] s1,
                            double[] s2) {
        int vecEnd = c0 + (c1 - c0) / D.length() * D.length();
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            for (int c = c0; c < vecEnd; c += D.length()) {
                DoubleVector d = widen(x, base + c).sub(DoubleVector.fromArray(D, shift, c));
                DoubleVector.fromArray(D, s1, c).add(d).intoArray(s1, c);
                DoubleVector.fromArray(D, s2, c).add(d.mul(d)).intoArray(s2, c);
            }
        }
        super.shiftedSums(x, r0, r1, channels, vecEnd, c1, shift, s1, s2);
    }

    @Override
    public void affine(float[] x, float[] y, int r0, int r1, int channels, float[] scale, float[] shift) {
        int vecEnd = channels / F.length() * F.length();
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            for (int c = 0; c < vecEnd; c += F.length()) {
                FloatVector.fromArray(F, x, base + c).mul(FloatVector.fromArray(F, scale, c))
                        .add(FloatVector.fromArray(F, shift, c)).intoArray(y, base + c);
            }
            affineRow(x, y, base, vecEnd, channels, scale, shift);
        }
    }

    @Override
    public void gradientSums(float[] x, float[] dy, int r0, int r1, int channels, int c0, int c1, double[] mean,
                             double[] invStd, double[] sumDy, double[] sumDyXhat) {
        int vecEnd = c0 + (c1 - c0) / D.length() * D.length();
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            for (int c = c0; c < vecEnd; c += D.length()) {
                DoubleVector g = widen(dy, base + c);
                DoubleVector.fromArray(D, sumDy, c).add(g).intoArray(sumDy, c);
                DoubleVector t = g.mul(widen(x, base + c).sub(DoubleVector.fromArray(D, mean, c)))
                        .mul(DoubleVector.fromArray(D, invStd, c));
                DoubleVector.fromArray(D, sumDyXhat, c).add(t).intoArray(sumDyXhat, c);
            }
        }
        super.gradientSums(x, dy, r0, r1, channels, vecEnd, c1, mean, invStd, sumDy, sumDyXhat);
    }

    @Override
    public void inputGradient(float[] x, float[] dy, float[] dx, int r0, int r1, int channels, double n,
                              double[] mean, double[] invStd, double[] coef, double[] sumDy, double[] sumDyXhat) {
        int vecEnd = channels / D.length() * D.length();
        for (int r = r0; r < r1; r++) {
            int base = r * channels;
            for (int c = 0; c < vecEnd; c += D.length()) {
                DoubleVector xhat = widen(x, base + c).sub(DoubleVector.fromArray(D, mean, c))
                        .mul(DoubleVector.fromArray(D, invStd, c));
                DoubleVector v = widen(dy, base + c).mul(n).sub(DoubleVector.fromArray(D, sumDy, c))
                        .sub(xhat.mul(DoubleVector.fromArray(D, sumDyXhat, c)));
                ((FloatVector) DoubleVector.fromArray(D, coef, c).mul(v).convertShape(VectorOperators.D2F, H, 0))
                        .intoArray(dx, base + c);
            }
            inputGradientRow(x, dy, dx, base, vecEnd, channels, n, mean, invStd, coef, sumDy, sumDyXhat);
        }
    }
}
