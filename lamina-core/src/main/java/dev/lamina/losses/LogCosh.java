package dev.lamina.losses;

/**
 * {@code mean(log(cosh(e)))}, computed stably as {@code e + softplus(-2e) - log 2}; its
 * derivative is {@code tanh(e)}.
 */
public final class LogCosh extends ElementwiseLoss {
    private static final double LOG2 = Math.log(2);

    @Override
    public String name() {
        return "log_cosh";
    }

    @Override
    public String className() {
        return "LogCosh";
    }

    @Override
    double value(double e) {
        double x = -2 * e;
        double softplus = Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
        return e + softplus - LOG2;
    }

    @Override
    double derivative(double e) {
        return Math.tanh(e);
    }
}
