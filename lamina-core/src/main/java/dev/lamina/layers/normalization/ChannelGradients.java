package dev.lamina.layers.normalization;

/**
 * What BatchNormalization's backward pass finishes per channel once that channel's gradient sums
 * are known: gamma's and beta's gradients, {@code dg += (float) (r * sumDyXhat + d * sumDy)} and
 * {@code db += (float) sumDy} (either array may be null: a layer without gamma or beta), and the
 * input gradient's coefficient {@code coef = gammaEff * invStd / n}. The row kernels call
 * {@link #finish} at the end of the method that sums the rows, which the JIT compiles within the
 * first steps; as loops of their own, run a few times a step, these were compiled (OSR, then
 * again) only around a training run's sixth epoch, taking a core from the step while they were.
 */
final class ChannelGradients {
    /** Per channel: gamma times the renormalization's r (gamma where there is no renormalization). */
    double[] gammaEff;
    /** Per channel: the renormalization's r and d (1 and 0 without it). */
    double[] r;
    double[] d;
    /** Gamma's and beta's gradients, added to; null where the layer has no such weight. */
    float[] dg;
    float[] db;
    /** The input gradient's coefficient per channel, written. */
    double[] coef = new double[0];

    /** Channels [c0, c1), whose sums over {@code n} elements each are {@code sumDy} and {@code sumDyXhat}. */
    void finish(int c0, int c1, double n, double[] invStd, double[] sumDy, double[] sumDyXhat) {
        for (int c = c0; c < c1; c++) {
            coef[c] = gammaEff[c] * invStd[c] / n;
        }
        if (dg != null) {
            for (int c = c0; c < c1; c++) {
                dg[c] += (float) (r[c] * sumDyXhat[c] + d[c] * sumDy[c]);
            }
        }
        if (db != null) {
            for (int c = c0; c < c1; c++) {
                db[c] += (float) sumDy[c];
            }
        }
    }
}
