package dev.lamina.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small fixed pool of daemon threads that runs one partitioned job at a time, without allocating.
 *
 * <p>The calling thread takes part in the work. If the pool is already busy (another model in
 * another thread is using it), the caller runs all parts itself rather than waiting, so the pool
 * never oversubscribes the machine. The number of threads is {@code -Dlamina.threads=N}, default
 * the number of available processors.
 */
public final class WorkerPool {
    /** A job split into {@code parts} independent parts. */
    @FunctionalInterface
    public interface Job {
        /** Runs part {@code part} of {@code parts}. */
        void run(int part, int parts);
    }

    /** The shared pool. */
    public static final WorkerPool SHARED = new WorkerPool(defaultThreads());

    /**
     * How long a thread spins for the next job, or for the other parts of its job, before it waits
     * on the lock: the jobs of one training step follow each other within microseconds, and waking
     * a thread that waits on a lock costs more.
     */
    static final long SPIN_NANOS = 50_000;

    /** Whether this thread's jobs run on it alone (see {@link #alone}). */
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Object lock = new Object();
    /**
     * The generation in the high 32 bits; in the low 32 bits, for jobs of up to 32 parts, one bit
     * per part taken (each thread takes the part of its own index first, see {@link #work}), for
     * larger jobs the next part to take.
     */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger();
    private Job job;
    private int parts;
    private int generation;
    /** A copy of {@code generation} that idle workers may read without the lock while they spin. */
    private volatile int published;
    private volatile Throwable failure;

    /** A pool of {@code threads} threads in all, counting the caller. */
    public WorkerPool(int threads) {
        this.threads = Math.max(1, threads);
        for (int i = 1; i < this.threads; i++) {
            int self = i;
            Thread t = new Thread(() -> workLoop(self), "lamina-worker-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    private static int defaultThreads() {
        String p = System.getProperty("lamina.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("-Dlamina.threads must be a positive integer, received '"
                        + p + "'.", e);
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of threads, counting the caller. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code work} with every job it gives any pool run on the calling thread alone: for a
     * caller that is one of several computing at once (predictions on a shared model), where
     * splitting each small job across the cores only makes the callers wait for each other.
     * The same bits either way: parts are computed alike, only by another thread.
     */
    public static <T> T alone(java.util.function.Supplier<T> work) {
        boolean before = ALONE.get();
        ALONE.set(true);
        try {
            return work.get();
        } finally {
            ALONE.set(before);
        }
    }

    /** Runs all parts of {@code job}, in parallel where the pool is free; returns when all are done. */
    public void run(Job job, int parts) {
        if (parts <= 1 || threads == 1 || ALONE.get() || !busy.compareAndSet(false, true)) {
            for (int p = 0; p < parts; p++) {
                job.run(p, parts);
            }
            return;
        }
        try {
            failure = null;
            int gen;
            synchronized (lock) {
                this.job = job;
                this.parts = parts;
                remaining.set(parts);
                gen = ++generation;
                published = gen;
                ticket.set((long) gen << 32);
                lock.notifyAll();
            }
            work(gen, job, parts, 0);
            long spin = System.nanoTime();
            while (remaining.get() > 0 && System.nanoTime() - spin < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            synchronized (lock) {
                while (remaining.get() > 0) {
                    lock.wait();
                }
            }
            synchronized (lock) {
                this.job = null;
            }
            Throwable f = failure;
            if (f instanceof RuntimeException re) {
                throw re;
            } else if (f instanceof Error err) {
                throw err;
            } else if (f != null) {
                throw new IllegalStateException(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for worker threads.", e);
        } finally {
            busy.set(false);
        }
    }

    /**
     * Takes and runs parts of job generation {@code gen} until none is left. Thread {@code self}
     * (the caller is 0) takes part {@code self} first when it is still free, so that a thread
     * works on the same part of consecutive jobs: the same rows of a weight in its products and in
     * its optimizer update, which then stay in that thread's core. Then it takes any part left.
     */
    private void work(int gen, Job j, int n, int self) {
        if (n > Integer.SIZE) {
            workInOrder(gen, j, n);
            return;
        }
        int all = n == Integer.SIZE ? -1 : (1 << n) - 1;
        int want = self < n ? self : -1;
        while (true) {
            long t = ticket.get();
            int taken = (int) t;
            if ((int) (t >>> 32) != gen) {
                return;
            }
            int p = want;
            if (p < 0 || (taken & (1 << p)) != 0) {
                int free = all & ~taken;
                if (free == 0) {
                    return;
                }
                p = Integer.numberOfTrailingZeros(free);
            }
            if (!ticket.compareAndSet(t, t | (1L << p))) {
                continue;
            }
            want = -1;
            runPart(j, p, n);
        }
    }

    /** Jobs of more than 32 parts: parts taken in order. */
    private void workInOrder(int gen, Job j, int n) {
        while (true) {
            long t = ticket.get();
            int p = (int) t;
            if ((int) (t >>> 32) != gen || p >= n) {
                return;
            }
            if (ticket.compareAndSet(t, t + 1)) {
                runPart(j, p, n);
            }
        }
    }

    private void runPart(Job j, int p, int n) {
        try {
            j.run(p, n);
        } catch (Throwable e) {
            failure = e;
        }
        if (remaining.decrementAndGet() == 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    private void workLoop(int self) {
        int seen = 0;
        while (true) {
            Job j;
            int n;
            long spin = System.nanoTime();
            while (published == seen && System.nanoTime() - spin < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            synchronized (lock) {
                while (generation == seen) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                seen = generation;
                j = job;
                n = parts;
            }
            if (j != null) {
                work(seen, j, n, self);
            }
        }
    }
}
