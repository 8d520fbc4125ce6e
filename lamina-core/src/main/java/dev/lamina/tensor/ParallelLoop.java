package dev.lamina.tensor;

/**
 * A loop over {@code [0, size)} that the current backend's worker threads share: each thread runs
 * {@link #body} on one contiguous piece. Subclasses are created once and reused (their inputs in
 * fields), so running one allocates nothing.
 *
 * <p>Pieces never overlap and every index is visited by exactly one thread, so a body that writes
 * only its own indices, and sums in index order within them, gives the same bits however many
 * threads run it.
 */
public abstract class ParallelLoop implements WorkerPool.Job {
    /** Below this much work (elements touched in all) a loop runs on the calling thread alone. */
    public static final long MIN_PARALLEL_WORK = 1L << 15;

    private int size;
    private int grain;

    /** Runs the loop over {@code [0, size)}, split when {@code work} (elements touched) is large enough. */
    public final void run(int size, long work) {
        run(size, work, 1);
    }

    /**
     * Like {@link #run(int, long)}, with pieces that start at multiples of {@code grain} (e.g. a
     * vector length, so that no two threads write the same cache line often).
     */
    public final void run(int size, long work, int grain) {
        this.size = size;
        this.grain = Math.max(1, grain);
        WorkerPool pool = Backends.current().workers();
        int parts = (int) Math.min(pool.threads(), Math.max(1, size / this.grain));
        if (parts <= 1 || work < MIN_PARALLEL_WORK) {
            // Through run(part, parts), whose call of body sees every loop's class: a call here of
            // its own saw only the few loops small enough to stay on one thread, so C2 compiled
            // it for those and recompiled it when a model with smaller batches brought others.
            run(0, 1);
            return;
        }
        pool.run(this, parts);
    }

    @Override
    public final void run(int part, int parts) {
        int from = bound(part, parts);
        int to = bound(part + 1, parts);
        if (from < to) {
            body(from, to);
        }
    }

    private int bound(int part, int parts) {
        if (part >= parts) {
            return size;
        }
        long units = ((long) size + grain - 1) / grain;
        return (int) Math.min(size, grain * (units * part / parts));
    }

    /** The loop's work on indices {@code [from, to)}. */
    protected abstract void body(int from, int to);
}
