package dev.lamina.activations;

import dev.lamina.tensor.VectorApi;

/**
 * ReLU's backward loop, {@code dx = x > 0 ? dy : 0}: a Vector API version (a masked blend) when the
 * JVM has {@code jdk.incubator.vector}, since the JIT does not vectorize the conditional itself,
 * and a plain-Java one otherwise. Both give the same bits.
 */
interface ReluGradient {
    /** The implementation for this JVM. */
    ReluGradient INSTANCE = VectorApi.<ReluGradient>choose(() -> new VectorReluGradient(), ScalarReluGradient::new);

    /** {@code dx[i] = x[i] > 0 ? dy[i] : 0} for {@code i} in {@code [from, to)}. */
    void apply(float[] x, float[] dy, float[] dx, int from, int to);

    /**
     * {@code dx[i] = x[i] > 0 && keep[i] ? dy[i] / keepProb : 0} for {@code i} in {@code [from, to)}:
     * {@link #apply} of an inverted dropout's backward {@code keep[i] ? dy[i] / keepProb : 0}, the
     * same division and the same zeros, in one pass.
     */
    void applyThroughMask(float[] x, float[] dy, boolean[] keep, float keepProb, float[] dx, int from, int to);

    /** The plain-Java loop, also the vector version's tail. */
    static void scalar(float[] x, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    /** The plain-Java {@link #applyThroughMask}, also the vector version's tail. */
    static void scalarThroughMask(float[] x, float[] dy, boolean[] keep, float keepProb, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0f && keep[i] ? dy[i] / keepProb : 0f;
        }
    }
}
