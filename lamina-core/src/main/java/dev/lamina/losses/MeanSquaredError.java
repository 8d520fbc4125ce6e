package dev.lamina.losses;

/** {@code mean((yPred - yTrue)²)}. */
public final class MeanSquaredError extends ElementwiseLoss {
    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public String className() {
        return "MeanSquaredError";
    }

    @Override
    double value(double e) {
        return e * e;
    }

    @Override
    double derivative(double e) {
        return 2 * e;
    }
}
