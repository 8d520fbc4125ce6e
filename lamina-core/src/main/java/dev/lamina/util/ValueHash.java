package dev.lamina.util;

/**
 * A 64-bit hash of texts and float values (SplitMix64's finalizer per element), to tell data and
 * settings apart in a backup's fingerprint. Not a cryptographic hash: it detects mistakes, not
 * forgeries.
 */
public final class ValueHash {
    /** The starting value of a hash. */
    public static final long START = 17;

    private ValueHash() {}

    /** {@code h} extended with every character of {@code s}. */
    public static long of(String s, long h) {
        for (int i = 0; i < s.length(); i++) {
            h = mix(h ^ s.charAt(i));
        }
        return h;
    }

    /** {@code h} extended with the bits of every value, in order, then their count. */
    public static long of(float[] values, long h) {
        return mix(of(values, 0, values.length, h) ^ values.length);
    }

    /** {@code h} extended with the bits of {@code values[from, from + count)}, in order. */
    public static long of(float[] values, int from, int count, long h) {
        for (int i = from; i < from + count; i++) {
            h = mix(h ^ Float.floatToRawIntBits(values[i]));
        }
        return h;
    }

    /** SplitMix64's finalizer of {@code z + golden gamma}. */
    public static long mix(long z) {
        z = (z + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The hash as 16 hexadecimal digits. */
    public static String hex(long h) {
        return String.format("%016x", h);
    }
}
