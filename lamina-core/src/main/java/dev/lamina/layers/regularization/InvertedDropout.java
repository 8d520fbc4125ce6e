package dev.lamina.layers.regularization;

import dev.lamina.layers.KeepMaskLayer;
import dev.lamina.layers.Mode;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.ParallelLoop;
import dev.lamina.tensor.Tensor;

/**
 * What {@link Dropout} and {@link SpatialDropout1D} share: in training (and Monte-Carlo sampling)
 * each unit of the mask is kept with probability {@code 1 - rate} and kept values are divided by
 * {@code 1 - rate}; the backward pass applies the same mask and scale.
 */
abstract class InvertedDropout extends NoiseLayer implements KeepMaskLayer {
    private final DropoutMask mask;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;
    private boolean[] lastKeep;
    private float lastKeepProb;
    private final Backward backwardPass = new Backward();

    InvertedDropout(String name, Long seed, int[] noiseShape) {
        super(name, seed);
        this.mask = new DropoutMask(noiseShape);
    }

    /** The fraction of units dropped. */
    abstract double dropRate();

    /** The noise shape (batch first, -1 for the input's size), or null. */
    final int[] noiseShapeArray() {
        return mask.noiseShape();
    }

    @Override
    public final Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        lastInput = x;
        double rate = dropRate();
        if (!mode.drawsNoise() || rate == 0) {
            lastKeep = null;
            return x;
        }
        float keepProb = (float) (1 - rate);
        Tensor y = output.get(x.rows(), inputShape());
        boolean[] keep = mask.draw(x, y.data(), keepProb, rate, noiseKey(mode), mode, this);
        lastKeep = keep;
        lastKeepProb = keepProb;
        return y;
    }

    @Override
    public final Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        if (lastKeep == null) {
            return gradOut;
        }
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        Backward b = backwardPass;
        b.keep = lastKeep;
        b.keepProb = lastKeepProb;
        b.g = gradOut.data();
        b.d = dx.data();
        b.run(gradOut.size(), 2L * gradOut.size(), 64);
        b.g = null;
        b.d = null;
        return dx;
    }

    @Override
    public final boolean[] lastKeepMask() {
        return lastKeep;
    }

    @Override
    public final float lastKeepProbability() {
        return lastKeepProb;
    }

    /** {@code d = g / keepProb} where kept, else 0, over a range of elements. */
    private static final class Backward extends ParallelLoop {
        private boolean[] keep;
        private float keepProb;
        private float[] g;
        private float[] d;

        @Override
        protected void body(int from, int to) {
            DropoutKernels.INSTANCE.scaleKept(keep, g, d, keepProb, from, to);
        }
    }
}
