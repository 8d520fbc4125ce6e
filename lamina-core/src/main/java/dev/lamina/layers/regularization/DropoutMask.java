package dev.lamina.layers.regularization;

import dev.lamina.layers.Mode;
import dev.lamina.random.CounterRandom;
import dev.lamina.tensor.ParallelLoop;
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
    private final ElementDraw elements = new ElementDraw();

    /** @param noiseShape Keras' noise shape (batch first, -1 for the input's size), or null for the input's shape */
    DropoutMask(int[] noiseShape) {
        this.noiseShape = noiseShape;
    }

    /** Draws the mask for input {@code x} under counter key {@code key}; {@code owner} names the layer in errors. */
    boolean[] draw(Tensor x, double rate, long key, Mode mode, Object owner) {
        return draw(x, null, 1f, rate, key, mode, owner);
    }

    /**
     * Draws the mask and, when {@code y} is not null, writes the inverted dropout of {@code x}
     * into it ({@code x / keepProb} where kept, else 0) in the same pass where the mask is drawn
     * per element. Elements are shared among the worker threads; each element's draw depends only
     * on its index, so the result does not depend on the thread count.
     */
    boolean[] draw(Tensor x, float[] y, float keepProb, double rate, long key, Mode mode, Object owner) {
        int n = x.size();
        if (keep.length < n) {
            keep = new boolean[n];
        }
        float threshold = (float) rate;
        if (noiseShape == null) {
            elements.set(key, NoiseLayer.counterBase(mode, x.cols()), threshold, keep, x.data(), y, keepProb);
            elements.run(n, 4L * n, 64);
            elements.clear();
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
        float[] xd = x.data();
        for (int i = 0; i < n; i++) {
            boolean k = noise[map[i]];
            keep[i] = k;
            if (y != null) {
                y[i] = k ? xd[i] / keepProb : 0f;
            }
        }
        return keep;
    }

    /** The noise shape, or null. */
    int[] noiseShape() {
        return noiseShape == null ? null : noiseShape.clone();
    }

    /** The per-element mask (and dropout) over a range of elements. */
    private static final class ElementDraw extends ParallelLoop {
        /** Elements per chunk: 4 KB of mask, 16 KB of input. */
        private static final int CHUNK = 4096;

        private long key;
        private long base;
        private float threshold;
        private boolean[] keep;
        private float[] x;
        private float[] y;
        private float keepProb;

        void set(long key, long base, float threshold, boolean[] keep, float[] x, float[] y, float keepProb) {
            this.key = key;
            this.base = base;
            this.threshold = threshold;
            this.keep = keep;
            this.x = x;
            this.y = y;
            this.keepProb = keepProb;
        }

        void clear() {
            keep = null;
            x = null;
            y = null;
        }

        /**
         * Chunk by chunk, the mask and then the scaling, so that the chunk's mask is still in the L1
         * cache when the scaling reads it (the whole range's mask, then its scaling, read the mask
         * back from L2).
         */
        @Override
        protected void body(int from, int to) {
            long t = DropoutKernels.threshold(threshold);
            for (int c = from; c < to; c += CHUNK) {
                int end = Math.min(to, c + CHUNK);
                DropoutKernels.INSTANCE.keepMask(key, base, t, keep, c, end);
                if (y != null) {
                    DropoutKernels.INSTANCE.scaleKept(keep, x, y, keepProb, c, end);
                }
            }
        }
    }
}
