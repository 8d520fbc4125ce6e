package dev.lamina.layers;

import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Tensor;

/**
 * What {@link Dropout} and {@link SpatialDropout1D} share: in training (and Monte-Carlo sampling)
 * each unit of the mask is kept with probability {@code 1 - rate} and kept values are divided by
 * {@code 1 - rate}; the backward pass applies the same mask and scale.
 */
abstract class InvertedDropout extends NoiseLayer {
    private final DropoutMask mask;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private Tensor lastInput;
    private boolean[] lastKeep;
    private float lastKeepProb;

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
        boolean[] keep = mask.draw(x, rate, noiseKey(mode), mode, this);
        float keepProb = (float) (1 - rate);
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = keep[i] ? xd[i] / keepProb : 0f;
        }
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
        float[] g = gradOut.data();
        float[] d = dx.data();
        for (int i = 0; i < g.length; i++) {
            d[i] = lastKeep[i] ? g[i] / lastKeepProb : 0f;
        }
        return dx;
    }
}
