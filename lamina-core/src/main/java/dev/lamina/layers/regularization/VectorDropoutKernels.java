package dev.lamina.layers.regularization;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DropoutKernels} on the Vector API: SplitMix64 on a vector of counters at a time (the same
 * arithmetic as {@link dev.lamina.random.CounterRandom}), and the scaling as a masked division.
 * Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorDropoutKernels implements DropoutKernels {
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int CHUNK = 1024;
    /** The elements after the last whole vector. */
    private static final ScalarDropoutKernels TAIL = new ScalarDropoutKernels();
    private final ThreadLocal<long[]> scratch = ThreadLocal.withInitial(() -> new long[CHUNK]);
    /** {@code lane * GOLDEN} in each lane. */
    private static final LongVector LANE_GOLDEN = LongVector.zero(LS).addIndex(1).mul(GOLDEN);

    @Override
    public void keepMask(long key, long base, long threshold, boolean[] keep, int from, int to) {
        long[] top = scratch.get();
        for (int c0 = from; c0 < to; c0 += CHUNK) {
            int len = Math.min(CHUNK, to - c0);
            top24(key, base + c0, top, len);
            for (int j = 0; j < len; j++) {
                keep[c0 + j] = top[j] >= threshold;
            }
        }
    }

    /**
     * {@code top[j]} = the top 24 bits of {@code bitsFromKey(key, first + j)}, that is of
     * {@code mix(key + (first + j + 1) * GOLDEN)}, for {@code j < len}. (Written to an array rather
     * than compared into a mask: storing a mask into a boolean array allocates on JDK 17.)
     */
    private static void top24(long key, long first, long[] top, int len) {
        int lanes = LS.length();
        int j = 0;
        for (; j + lanes <= len; j += lanes) {
            LongVector z = LANE_GOLDEN.add(key + (first + j + 1) * GOLDEN);
            z = z.lanewise(VectorOperators.LSHR, 30).lanewise(VectorOperators.XOR, z).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.LSHR, 27).lanewise(VectorOperators.XOR, z).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.XOR, z);
            z.lanewise(VectorOperators.LSHR, 40).intoArray(top, j);
        }
        for (; j < len; j++) {
            top[j] = DropoutKernels.top24(key, first + j);
        }
    }

    @Override
    public void scaleKept(boolean[] keep, float[] x, float[] y, float keepProb, int from, int to) {
        int lanes = FS.length();
        FloatVector zero = FloatVector.zero(FS);
        int i = from;
        for (; i + lanes <= to; i += lanes) {
            VectorMask<Float> kept = VectorMask.fromArray(FS, keep, i);
            zero.blend(FloatVector.fromArray(FS, x, i).div(keepProb), kept).intoArray(y, i);
        }
        TAIL.scaleKept(keep, x, y, keepProb, i, to);
    }
}
