package dev.lamina.random;

/**
 * A convenience cursor over one stream of {@link CounterRandom}: it draws values at counters
 * 0, 1, 2, ... of {@code (seed, stream)}. Two cursors with the same seed and stream draw the same
 * values; {@link #position()} and {@link #seek(long)} let a run resume where it stopped.
 */
public final class RandomStream {
    private final long key;
    private long counter;

    /** The cursor at counter 0 of {@code (seed, stream)}. */
    public RandomStream(long seed, long stream) {
        this.key = CounterRandom.key(seed, stream);
    }

    /** 64 random bits. */
    public long nextLong() {
        return CounterRandom.bitsFromKey(key, counter++);
    }

    /** A float uniform in [0, 1). */
    public float nextFloat() {
        return CounterRandom.uniformFloat(key, counter++);
    }

    /** A double uniform in [0, 1). */
    public double nextDouble() {
        return CounterRandom.uniformDouble(key, counter++);
    }

    /** A standard normal value. */
    public double nextGaussian() {
        return CounterRandom.normal(key, counter++);
    }

    /** An int uniform in [0, bound), without modulo bias (Lemire's method with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, received " + bound + ".");
        }
        while (true) {
            long r = nextLong() >>> 32;
            long product = r * bound;
            long low = product & 0xFFFFFFFFL;
            if (low >= (0x1_0000_0000L % bound)) {
                return (int) (product >>> 32);
            }
        }
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The next counter to be drawn. */
    public long position() {
        return counter;
    }

    /** Moves to {@code counter}. */
    public void seek(long counter) {
        this.counter = counter;
    }
}
