package dev.lamina.losses;

/** {@code mean(|yPred - yTrue|)}; the gradient at an error of exactly 0 is 0. */
public final class MeanAbsoluteError extends ElementwiseLoss {
    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public String className() {
        return "MeanAbsoluteError";
    }

    @Override
    double value(double e) {
        return Math.abs(e);
    }

    @Override
    double derivative(double e) {
        return Math.signum(e);
    }
}
