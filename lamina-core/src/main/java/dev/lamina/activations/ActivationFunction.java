package dev.lamina.activations;

/**
 * A function applied to a layer's output, with its derivative.
 *
 * <p>Elementwise activations use only their own element; {@code softmax} works along each row
 * (the last axis). Both methods work on the first {@code rows * cols} elements of the arrays.
 */
public interface ActivationFunction {
    /** The Keras name, e.g. {@code "relu"}. */
    String name();

    /** {@code y = f(x)}; {@code y} may be the same array as {@code x}. */
    void apply(float[] x, float[] y, int rows, int cols);

    /**
     * {@code dx = dy * f'(x)}, given the input {@code x} and output {@code y} of {@link #apply};
     * {@code dx} may be the same array as {@code dy}.
     */
    void gradient(float[] x, float[] y, float[] dy, float[] dx, int rows, int cols);

    /** True when {@code apply} with {@code y == x} is correct and {@link #gradient} needs only {@code y}. */
    default boolean needsInput() {
        return true;
    }
}
