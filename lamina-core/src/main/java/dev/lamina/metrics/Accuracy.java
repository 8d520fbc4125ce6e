package dev.lamina.metrics;

import dev.lamina.tensor.Tensor;

/**
 * The metric Keras picks for the name {@code "accuracy"} (or {@code "acc"}), decided from the
 * shapes of the first batch: one output column means binary accuracy (threshold 0.5); one target
 * column with several outputs means sparse categorical accuracy; otherwise categorical accuracy.
 */
public final class Accuracy implements Metric {
    private final String name;
    private Metric delegate;

    /** @param name the log name ({@code accuracy} or {@code acc}) */
    public Accuracy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        if (delegate != null) {
            delegate.reset();
        }
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        if (delegate == null) {
            if (yPred.cols() == 1) {
                delegate = Metrics.binaryAccuracy(name, 0.5);
            } else if (yTrue.cols() == 1) {
                delegate = new ArgmaxAccuracy(name, true);
            } else {
                delegate = new ArgmaxAccuracy(name, false);
            }
        }
        delegate.update(yTrue, yPred);
    }

    @Override
    public double result() {
        return delegate == null ? Double.NaN : delegate.result();
    }
}
