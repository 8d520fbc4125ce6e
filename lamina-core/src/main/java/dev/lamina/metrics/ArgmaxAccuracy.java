package dev.lamina.metrics;

import dev.lamina.tensor.Tensor;

/**
 * The fraction of rows whose predicted class (the arg-max of the prediction row) equals the
 * target class: the arg-max of a one-hot row ({@code categorical_accuracy}) or an integer label
 * in one column ({@code sparse_categorical_accuracy}).
 */
public final class ArgmaxAccuracy implements Metric {
    private final String name;
    private final boolean sparse;
    private long correct;
    private long count;

    /**
     * @param name the log name
     * @param sparse whether targets are integer labels rather than one-hot rows
     */
    public ArgmaxAccuracy(String name, boolean sparse) {
        this.name = name;
        this.sparse = sparse;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        correct = 0;
        count = 0;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int rows = yPred.rows();
        int k = yPred.cols();
        if (yTrue.rows() != rows || yTrue.cols() != (sparse ? 1 : k)) {
            throw new IllegalArgumentException("Metric '" + name + "' received targets of shape " + yTrue.shape()
                    + " for predictions of shape " + yPred.shape() + "; expected [" + rows + ", "
                    + (sparse ? 1 : k) + "].");
        }
        for (int r = 0; r < rows; r++) {
            int predicted = argmax(yPred.data(), r * k, k);
            int actual = sparse ? (int) yTrue.data()[r] : argmax(yTrue.data(), r * k, k);
            if (predicted == actual) {
                correct++;
            }
        }
        count += rows;
    }

    @Override
    public double[] state() {
        return new double[] {correct, count};
    }

    @Override
    public void restore(double[] state) {
        correct = (long) state[0];
        count = (long) state[1];
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    static int argmax(float[] d, int off, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (d[off + j] > d[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
