package dev.lamina.activations;

import java.util.function.DoubleUnaryOperator;

/**
 * An activation that acts on each element alone, given as {@code f(x)} and {@code f'(x)} in
 * double precision (results are rounded to float once).
 */
final class Elementwise implements ActivationFunction {
    /** The derivative as a function of the input and the output. */
    @FunctionalInterface
    interface Derivative {
        double at(double x, double y);
    }

    private final String name;
    private final DoubleUnaryOperator f;
    private final Derivative df;

    Elementwise(String name, DoubleUnaryOperator f, Derivative df) {
        this.name = name;
        this.f = f;
        this.df = df;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void apply(float[] x, float[] y, int fromRow, int toRow, int cols) {
        int end = toRow * cols;
        for (int i = fromRow * cols; i < end; i++) {
            y[i] = (float) f.applyAsDouble(x[i]);
        }
    }

    @Override
    public void gradient(float[] x, float[] y, float[] dy, float[] dx, int fromRow, int toRow, int cols) {
        int end = toRow * cols;
        for (int i = fromRow * cols; i < end; i++) {
            dx[i] = (float) (dy[i] * df.at(x[i], y[i]));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
