package dev.lamina.random;

/**
 * A counter-based random number generator: every value is a pure function of
 * {@code (seed, stream, counter)}.
 *
 * <p>The key of a stream is a 64-bit hash of the seed and the stream number; value number
 * {@code counter} is the SplitMix64 output at position {@code counter} under that key
 * (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), whose
 * sequence passes BigCrush. Because nothing is carried from one value to the next, a dropout mask
 * or a shuffle is the same however the work is split among threads, and a run resumed at step
 * {@code s} draws exactly what the uninterrupted run drew.
 *
 * <p>Streams used by Lamina itself are listed in {@link Streams}.
 */
public final class CounterRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRandom() {}

    /** 64 random bits for {@code (seed, stream, counter)}. */
    public static long bits(long seed, long stream, long counter) {
        return mix(key(seed, stream) + (counter + 1) * GOLDEN);
    }

    /** The key of a stream; {@code bits(seed, stream, c) == bitsFromKey(key(seed, stream), c)}. */
    public static long key(long seed, long stream) {
        return mix(mix(seed ^ 0x5851F42D4C957F2DL) + stream * 0xD1B54A32D192ED03L);
    }

    /** 64 random bits for a counter under a precomputed {@link #key(long, long)}. */
    public static long bitsFromKey(long key, long counter) {
        return mix(key + (counter + 1) * GOLDEN);
    }

    /** A float uniform in [0, 1) with 24 random bits. */
    public static float uniformFloat(long key, long counter) {
        return (bitsFromKey(key, counter) >>> 40) * 0x1.0p-24f;
    }

    /** A double uniform in [0, 1) with 53 random bits. */
    public static double uniformDouble(long key, long counter) {
        return (bitsFromKey(key, counter) >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal value (Box-Muller on the two 32-bit halves of one draw, in double).
     */
    public static double normal(long key, long counter) {
        long r = bitsFromKey(key, counter);
        double u1 = ((r >>> 32) + 1.0) * 0x1.0p-32; // (0, 1]
        double u2 = (r & 0xFFFFFFFFL) * 0x1.0p-32;  // [0, 1)
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** SplitMix64's finalizer (variant 13 of Stafford's mixers). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
