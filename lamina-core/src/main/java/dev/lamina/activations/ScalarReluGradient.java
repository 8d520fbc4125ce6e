package dev.lamina.activations;

/** {@link ReluGradient} in plain Java, for a JVM without {@code jdk.incubator.vector}. */
final class ScalarReluGradient implements ReluGradient {
    @Override
    public void apply(float[] x, float[] dy, float[] dx, int from, int to) {
        ReluGradient.scalar(x, dy, dx, from, to);
    }

    @Override
    public void applyThroughMask(float[] x, float[] dy, boolean[] keep, float keepProb, float[] dx, int from, int to) {
        ReluGradient.scalarThroughMask(x, dy, keep, keepProb, dx, from, to);
    }
}
