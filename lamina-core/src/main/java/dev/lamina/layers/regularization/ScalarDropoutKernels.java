package dev.lamina.layers.regularization;

/** {@link DropoutKernels} in plain Java. */
final class ScalarDropoutKernels implements DropoutKernels {
    @Override
    public void keepMask(long key, long base, long threshold, boolean[] keep, int from, int to) {
        for (int i = from; i < to; i++) {
            keep[i] = DropoutKernels.top24(key, base + i) >= threshold;
        }
    }

    @Override
    public void scaleKept(boolean[] keep, float[] x, float[] y, float keepProb, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = keep[i] ? x[i] / keepProb : 0f;
        }
    }
}
