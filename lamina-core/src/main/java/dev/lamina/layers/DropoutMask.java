package dev.lamina.layers;

import dev.lamina.random.CounterRandom;
import dev.lamina.tensor.Tensor;

/**
 * The keep/drop mask of Dropout, AlphaDropout and SpatialDropout1D: element {@code j} of the noise
 * is kept when its uniform draw is at least {@code rate}, so it is kept with probability
 * {@code 1 - rate}. The mask is expanded to every input element, reused while the input shape
 * stays the same.
 */
final class DropoutMask {
    private final int[] noiseShape;
    private boolean[] keep = new boolean[0];
    private boolean[] noise = new boolean[0];
    private int[] map = new int[0];
    private dev.lamina.tensor.Shape mapped;

    /** @param noiseShape Keras' noise shape (batch first, -1 for the input's size), or null for the input's shape */
    DropoutMask(int[] noiseShape) {
        this.noiseShape = noiseShape;
    }

    /** Draws the mask for input {@code x} under counter key {@code key}; {@code owner} names the layer in errors. */
    boolean[] draw(Tensor x, double rate, long key, Mode mode, Object owner) {
        int n = x.size();
        if (keep.length < n) {
            keep = new boolean[n];
        }
        float threshold = (float) rate;
        if (noiseShape == null) {
            long base = NoiseLayer.counterBase(mode, x.cols());
            for (int i = 0; i < n; i++) {
                keep[i] = CounterRandom.uniformFloat(key, base + i) >= threshold;
            }
            return keep;
        }
        if (!x.shape().equals(mapped)) {
            map = new int[n];
            int size = NoiseShape.map(noiseShape, x.shape().dims(), map, String.valueOf(owner));
            noise = new boolean[size];
            mapped = x.shape();
        }
        int perRow = noiseShape[0] == 1 ? 0 : noise.length / x.rows();
        long base = NoiseLayer.counterBase(mode, perRow);
        for (int j = 0; j < noise.length; j++) {
            noise[j] = CounterRandom.uniformFloat(key, base + j) >= threshold;
        }
        for (int i = 0; i < n; i++) {
            keep[i] = noise[map[i]];
        }
        return keep;
    }

    /** The noise shape, or null. */
    int[] noiseShape() {
        return noiseShape == null ? null : noiseShape.clone();
    }
}
