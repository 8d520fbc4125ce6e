package dev.lamina.spark;

/**
 * Where a row goes when Lamina trains on Spark, from its content and the seed alone, so that
 * training does not depend on how the input was split into partitions, on their order, or on the
 * number of executor cores: every row gets a 64-bit {@link #key}; rows whose {@link #validation}
 * draw falls under the validation fraction are held out; the others are sorted by key, and the
 * row of rank r goes to worker {@code r mod P}, where it is row {@code r / P}. With one worker, a
 * Spark fit therefore equals {@code Sequential.fit} on the rows sorted by key.
 */
public final class RowOrder {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private RowOrder() {}

    /** The key of a row of {@code features}, {@code label} and {@code weight} (1 when unweighted) under {@code seed}. */
    public static long key(long seed, float[] features, float label, float weight) {
        long h = mix(seed ^ GOLDEN);
        for (float f : features) {
            h = mix(h ^ (Float.floatToIntBits(f) & 0xFFFFFFFFL));
        }
        h = mix(h ^ (Float.floatToIntBits(label) & 0xFFFFFFFFL));
        return mix(h ^ (Float.floatToIntBits(weight) & 0xFFFFFFFFL));
    }

    /** Whether the row of {@code key} is a validation row when {@code fraction} of the rows are. */
    public static boolean validation(long key, double fraction) {
        return fraction > 0 && (mix(key ^ 0x5EEDL) >>> 11) * 0x1.0p-53 < fraction;
    }

    /** SplitMix64's finalizer: every bit of the input reaches every bit of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
