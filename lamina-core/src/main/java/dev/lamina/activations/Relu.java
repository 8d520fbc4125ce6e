package dev.lamina.activations;

/**
 * {@code max(x, 0)} and its derivative (1 where x &gt; 0, else 0), as tight loops: the most used
 * activation gets no per-element call. A NaN input gives NaN, as in Keras.
 */
final class Relu implements ActivationFunction {
    static final Relu INSTANCE = new Relu();

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void apply(float[] x, float[] y, int fromRow, int toRow, int cols) {
        int end = toRow * cols;
        for (int i = fromRow * cols; i < end; i++) {
            // Math.max, which the JIT vectorizes, keeps NaN as NaN (as Keras' relu does) and
            // turns -0 into 0.
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void gradient(float[] x, float[] y, float[] dy, float[] dx, int fromRow, int toRow, int cols) {
        ReluGradient.INSTANCE.apply(x, dy, dx, fromRow * cols, toRow * cols);
    }

    @Override
    public boolean hasGradientThroughMask() {
        return true;
    }

    @Override
    public void gradientThroughMask(float[] x, float[] y, float[] dy, boolean[] keep, float keepProb, float[] dx,
                                    int fromRow, int toRow, int cols) {
        ReluGradient.INSTANCE.applyThroughMask(x, dy, keep, keepProb, dx, fromRow * cols, toRow * cols);
    }

    @Override
    public String toString() {
        return name();
    }
}
