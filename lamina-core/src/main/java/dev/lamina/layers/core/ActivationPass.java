package dev.lamina.layers.core;

import dev.lamina.activations.ActivationFunction;
import dev.lamina.tensor.ParallelLoop;

/**
 * One layer's activation passes, with rows shared among the worker threads: forward adds the bias
 * (if any) to the pre-activation in place and applies the function in the same pass over each
 * row, so the output is read once; backward multiplies by the derivative. Created once per layer
 * and reused, so a pass allocates nothing.
 */
final class ActivationPass {
    private final Forward forward = new Forward();
    private final Backward backward = new Backward();

    /**
     * {@code z += bias} per row (when {@code bias} is not null), then {@code y = f(z)} (when
     * {@code f} is not null); rows {@code [0, rows)} of {@code cols} elements.
     */
    void forward(ActivationFunction f, float[] z, float[] bias, float[] y, int rows, int cols) {
        Forward p = forward;
        p.f = f;
        p.z = z;
        p.bias = bias;
        p.y = y;
        p.cols = cols;
        p.run(rows, (long) rows * cols, 1);
        p.z = null;
        p.y = null;
        p.bias = null;
    }

    /** {@code dx = dy * f'(x)} on rows {@code [0, rows)}, given the forward pass's input and output. */
    void backward(ActivationFunction f, float[] x, float[] y, float[] dy, float[] dx, int rows, int cols) {
        backwardThroughMask(f, x, y, dy, null, 0f, dx, rows, cols);
    }

    /**
     * {@link #backward} of {@code keep ? dy / keepProb : 0}, the backward pass of an inverted
     * dropout that followed this activation, in one pass ({@link
     * ActivationFunction#gradientThroughMask}); {@code keep} null: plain {@link #backward}.
     */
    void backwardThroughMask(ActivationFunction f, float[] x, float[] y, float[] dy, boolean[] keep, float keepProb,
                             float[] dx, int rows, int cols) {
        Backward p = backward;
        p.f = f;
        p.x = x;
        p.y = y;
        p.dy = dy;
        p.dx = dx;
        p.keep = keep;
        p.keepProb = keepProb;
        p.cols = cols;
        p.run(rows, (long) rows * cols, 1);
        p.x = null;
        p.y = null;
        p.dy = null;
        p.dx = null;
        p.keep = null;
    }

    private static final class Forward extends ParallelLoop {
        ActivationFunction f;
        float[] z;
        float[] bias;
        float[] y;
        int cols;

        @Override
        protected void body(int from, int to) {
            if (bias != null) {
                dev.lamina.tensor.Ops.addToRows(z, bias, from, to, cols);
            }
            if (f != null) {
                f.apply(z, y, from, to, cols);
            }
        }
    }

    private static final class Backward extends ParallelLoop {
        ActivationFunction f;
        float[] x;
        float[] y;
        float[] dy;
        float[] dx;
        /** The following dropout's mask, or null for the plain derivative. */
        boolean[] keep;
        float keepProb;
        int cols;

        @Override
        protected void body(int from, int to) {
            if (keep == null) {
                f.gradient(x, y, dy, dx, from, to, cols);
            } else {
                f.gradientThroughMask(x, y, dy, keep, keepProb, dx, from, to, cols);
            }
        }
    }
}
