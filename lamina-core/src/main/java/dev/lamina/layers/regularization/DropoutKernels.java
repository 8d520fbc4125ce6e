package dev.lamina.layers.regularization;

import dev.lamina.random.CounterRandom;
import dev.lamina.tensor.VectorApi;

/**
 * The element loops of inverted dropout: drawing the keep mask from the counter-based generator
 * and scaling the kept elements. A Vector API version runs when the JVM has
 * {@code jdk.incubator.vector}, a plain-Java one otherwise; both give the same bits, and the mask
 * of element {@code i} is exactly {@code CounterRandom.uniformFloat(key, base + i) >= rate}.
 */
interface DropoutKernels {
    /** The implementation for this JVM. */
    DropoutKernels INSTANCE = VectorApi.choose(() -> new VectorDropoutKernels(), ScalarDropoutKernels::new);

    /**
     * {@code keep[i] = uniformFloat(key, base + i) >= rate} for {@code i} in {@code [from, to)},
     * given {@code threshold = } {@link #threshold(float) threshold(rate)}.
     */
    void keepMask(long key, long base, long threshold, boolean[] keep, int from, int to);

    /** {@code y[i] = keep[i] ? x[i] / keepProb : 0} for {@code i} in {@code [from, to)}. */
    void scaleKept(boolean[] keep, float[] x, float[] y, float keepProb, int from, int to);

    /**
     * The integer form of {@code uniformFloat(..) >= rate}: a uniform float is its top 24 random
     * bits times 2^-24, exactly, so it is at least {@code rate} when those bits are at least
     * {@code ceil(rate * 2^24)}.
     */
    static long threshold(float rate) {
        return (long) Math.ceil(rate * (double) (1 << 24));
    }

    /** The top 24 bits that {@link CounterRandom#uniformFloat} scales, for one counter. */
    static long top24(long key, long counter) {
        return CounterRandom.bitsFromKey(key, counter) >>> 40;
    }
}
