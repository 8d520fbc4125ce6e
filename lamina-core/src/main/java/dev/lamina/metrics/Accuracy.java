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
    private int kind;

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
                kind = 1;
            } else if (yTrue.cols() == 1) {
                delegate = new ArgmaxAccuracy(name, true);
                kind = 2;
            } else {
                delegate = new ArgmaxAccuracy(name, false);
                kind = 3;
            }
        }
        delegate.update(yTrue, yPred);
    }

    /** The kind chosen (0 none yet, 1 binary, 2 sparse, 3 categorical) followed by its state. */
    @Override
    public double[] state() {
        if (delegate == null) {
            return new double[] {0};
        }
        double[] inner = delegate.state();
        double[] out = new double[inner.length + 1];
        out[0] = kind;
        System.arraycopy(inner, 0, out, 1, inner.length);
        return out;
    }

    @Override
    public void restore(double[] state) {
        kind = (int) state[0];
        delegate = switch (kind) {
            case 1 -> Metrics.binaryAccuracy(name, 0.5);
            case 2 -> new ArgmaxAccuracy(name, true);
            case 3 -> new ArgmaxAccuracy(name, false);
            default -> null;
        };
        if (delegate != null) {
            delegate.restore(java.util.Arrays.copyOfRange(state, 1, state.length));
        }
    }

    @Override
    public double result() {
        return delegate == null ? Double.NaN : delegate.result();
    }
}
