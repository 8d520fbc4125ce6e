package dev.lamina.activations;

/**
 * A function applied to a layer's output, with its derivative.
 *
 * <p>Elementwise activations use only their own element; {@code softmax} works along each row
 * (the last axis).
 */
public interface ActivationFunction {
    /** The Keras name, e.g. {@code "relu"}. */
    String name();

    /**
     * {@code y = f(x)} on rows {@code [fromRow, toRow)} of {@code cols} elements each; {@code y}
     * may be the same array as {@code x}. Rows are independent, so threads may share the rows.
     */
    void apply(float[] x, float[] y, int fromRow, int toRow, int cols);

    /**
     * {@code dx = dy * f'(x)} on rows {@code [fromRow, toRow)}, given the input {@code x} and
     * output {@code y} of {@link #apply}; {@code dx} may be the same array as {@code dy}.
     */
    void gradient(float[] x, float[] y, float[] dy, float[] dx, int fromRow, int toRow, int cols);

    /** {@code y = f(x)} on the first {@code rows} rows. */
    default void apply(float[] x, float[] y, int rows, int cols) {
        apply(x, y, 0, rows, cols);
    }

    /** {@code dx = dy * f'(x)} on the first {@code rows} rows. */
    default void gradient(float[] x, float[] y, float[] dy, float[] dx, int rows, int cols) {
        gradient(x, y, dy, dx, 0, rows, cols);
    }

    /** Whether {@link #gradientThroughMask} is available. */
    default boolean hasGradientThroughMask() {
        return false;
    }

    /**
     * {@link #gradient} of {@code keep ? dy / keepProb : 0} (an inverted dropout's backward pass,
     * element by element) in one pass, with the bits of the two passes; only where {@link
     * #hasGradientThroughMask()}.
     */
    default void gradientThroughMask(float[] x, float[] y, float[] dy, boolean[] keep, float keepProb, float[] dx,
                                     int fromRow, int toRow, int cols) {
        throw new UnsupportedOperationException(name() + " has no gradient through a dropout mask.");
    }

    /** True when {@code apply} with {@code y == x} is correct and {@link #gradient} needs only {@code y}. */
    default boolean needsInput() {
        return true;
    }
}
