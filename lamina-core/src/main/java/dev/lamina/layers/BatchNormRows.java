package dev.lamina.layers;

import dev.lamina.tensor.VectorApi;

/**
 * Batch normalization's element loops for the common layout, channels last ({@code [rows, channels]},
 * e.g. after a Dense layer): a version with the affine pass on the Vector API when the JVM has
 * {@code jdk.incubator.vector}, a plain-Java one otherwise. Each output element is computed with
 * the same operations in the same order by both, so they give the same bits. Every loop walks the
 * rows in order with the channels innermost, so the data are read as stored.
 */
interface BatchNormRows {
    /** The implementation for this JVM. */
    BatchNormRows INSTANCE = choose();

    /**
     * Adds, per channel {@code c} in {@code [c0, c1)} and row in {@code [r0, r1)}, {@code d = (double) x - shift[c]}
     * to {@code s1[c]} and {@code d * d} to {@code s2[c]} (in double): the sums of the shifted
     * one-pass moments.
     */
    void shiftedSums(float[] x, int r0, int r1, int channels, int c0, int c1, float[] shift, double[] s1,
                     double[] s2);

    /** {@code y = x * scale[c] + shift[c]} (float, multiply then add) on rows {@code [r0, r1)}. */
    void affine(float[] x, float[] y, int r0, int r1, int channels, float[] scale, float[] shift);

    /**
     * Adds, per channel in {@code [c0, c1)} and row in {@code [r0, r1)}, {@code dy} to {@code sumDy[c]}
     * and {@code dy * (x - mean[c]) * invStd[c]} to {@code sumDyXhat[c]} (in double).
     */
    void gradientSums(float[] x, float[] dy, int r0, int r1, int channels, int c0, int c1, double[] mean,
                      double[] invStd, double[] sumDy, double[] sumDyXhat);

    /**
     * {@code dx = (float) (coef[c] * (n * dy - sumDy[c] - (x - mean[c]) * invStd[c] * sumDyXhat[c]))}
     * on rows {@code [r0, r1)}.
     */
    void inputGradient(float[] x, float[] dy, float[] dx, int r0, int r1, int channels, double n, double[] mean,
                       double[] invStd, double[] coef, double[] sumDy, double[] sumDyXhat);

    private static BatchNormRows choose() {
        if (VectorApi.enabled()) {
            try {
                // Linked only here, so a JVM without the module never resolves the vector classes.
                return new VectorBatchNormRows();
            } catch (LinkageError e) {
                return new ScalarBatchNormRows();
            }
        }
        return new ScalarBatchNormRows();
    }
}
