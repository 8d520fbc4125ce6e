package dev.lamina.metrics;

import dev.lamina.tensor.Tensor;

/**
 * A metric that averages a per-element value over all elements seen: mean absolute error, mean
 * squared error, root mean squared error (the square root taken at the end) and the accuracies.
 */
public final class MeanMetric implements Metric {
    /** The per-element value of a target and a prediction. */
    @FunctionalInterface
    public interface ElementValue {
        double of(double target, double prediction);
    }

    private final String name;
    private final String owner;
    private final ElementValue value;
    private final boolean sqrtAtEnd;
    private double sum;
    private long count;

    /**
     * @param name the log name
     * @param value the per-element value
     * @param sqrtAtEnd whether the result is the square root of the mean (RMSE)
     */
    public MeanMetric(String name, ElementValue value, boolean sqrtAtEnd) {
        this.name = name;
        this.owner = "Metric '" + name + "'";
        this.value = value;
        this.sqrtAtEnd = sqrtAtEnd;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        dev.lamina.losses.Loss.checkSameShape(owner, yTrue, yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += value.of(t[i], p[i]);
        }
        sum += s;
        count += p.length;
    }

    @Override
    public double[] state() {
        return new double[] {sum, count};
    }

    @Override
    public void restore(double[] state) {
        sum = state[0];
        count = (long) state[1];
    }

    @Override
    public double result() {
        double mean = count == 0 ? Double.NaN : sum / count;
        return sqrtAtEnd ? Math.sqrt(mean) : mean;
    }
}
