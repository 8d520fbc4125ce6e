package dev.lamina.tensor;

import dev.lamina.util.Warnings;

/**
 * The built-in pure-Java backend: a cache-blocked GEMM that splits the output among the
 * {@link WorkerPool}'s threads.
 *
 * <p>The inner blocks run on the Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (about 20 times faster), else on a plain-Java kernel.
 * Both accumulate each output element over k in the same order with fused multiply-adds, so
 * results are bit-identical with or without the Vector API and from 1 thread to many.
 *
 * <p>A Dense layer's forward product {@code X W} with few rows is split by depth instead of by
 * columns when it has one k-block per thread: each thread then reads only its own rows of W, the
 * rows it updates in the optimizer step and reads in the input gradient, so W's lines stay in that
 * thread's core instead of crossing to the other core every step (which costs most where two
 * cores sit on different chiplets). The later blocks' sums are added to the first block's after
 * the threads finish; with alpha 1 that is exactly the fold the single-threaded product does.
 */
public final class JavaBackend implements Backend {
    /** The single instance. */
    public static final JavaBackend INSTANCE = new JavaBackend();

    /** Products below this many multiply-adds run on the calling thread alone. */
    static final long PARALLEL_THRESHOLD = 1L << 18;

    /** The largest output (elements) split by depth: each later part needs a scratch copy of it. */
    private static final long MAX_PARTIAL = 1L << 20;

    /** A product narrower than this many columns per part is split by rows. */
    private static final int MIN_COLUMNS_PER_PART = 96;

    private static final GemmKernel KERNEL = chooseKernel();
    private final ThreadLocal<GemmJob> jobs = ThreadLocal.withInitial(GemmJob::new);
    private final WorkerPool pool;

    private JavaBackend() {
        this(WorkerPool.SHARED);
    }

    /** A Java backend on its own pool (used in tests to compare thread counts). */
    public JavaBackend(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public WorkerPool workers() {
        return pool;
    }

    /** The inner kernel in use: {@code vector-512} (or another width) or {@code scalar}. */
    public static String kernelName() {
        return KERNEL.name();
    }

    private static GemmKernel chooseKernel() {
        if (VectorApi.enabled()) {
            try {
                return (GemmKernel) Class.forName("dev.lamina.tensor.VectorKernel").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                Warnings.warn(JavaBackend.class, "The Vector API is present but its kernel failed to load (" + e
                        + "); using the plain-Java kernel, about 10 to 20 times slower.");
            }
        }
        return ScalarKernel.INSTANCE;
    }

    @Override
    public void gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
                     float[] b, int ldb, float beta, float[] c, int ldc) {
        gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, null);
    }

    /** The product with its epilogue applied as each tile of C is stored (the same bits as a pass afterwards). */
    @Override
    public void gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
                     float[] b, int ldb, float beta, float[] c, int ldc, Epilogue epilogue) {
        if (m == 0 || n == 0) {
            return;
        }
        if (epilogue != null) {
            epilogue.checkColumns(n);
        }
        GemmJob job = jobs.get();
        job.set(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        job.epilogue = epilogue == null || epilogue.isIdentity() ? null : epilogue;
        int threads = pool.threads();
        try {
            if (threads == 1 || (long) m * n * k < PARALLEL_THRESHOLD) {
                job.run(0, 1);
            } else {
                // A depth split adds its parts after the kernels, and applies the epilogue there.
                job.splitDepth = splitsDepth(ta, tb, m, n, k, alpha, beta, threads);
                if (job.splitDepth) {
                    job.preparePartials(threads);
                }
                pool.run(job, threads);
                if (job.splitDepth) {
                    job.addPartials(threads);
                }
            }
        } finally {
            job.clear();
        }
    }

    /**
     * Whether a parallel product is split by depth: a forward product (neither operand transposed)
     * that would otherwise be split by columns, alpha 1 and beta 0 (the case where adding the
     * blocks' sums afterwards gives the same bits), exactly one k-block per thread with the last at
     * least half full (so the parts are even), and few rows: the later parts' sums, which cross to
     * the calling thread, must be small beside the rows of B that no longer cross (at most an
     * eighth of them), or the split moves more data than it keeps in place.
     */
    static boolean splitsDepth(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float beta, int parts) {
        if (ta != Transpose.NO || tb != Transpose.NO || alpha != 1f || beta != 0f || parts < 2
                || splitsRows(m, n, parts) || (long) m * n > MAX_PARTIAL || 8L * m * (parts - 1) > k) {
            return false;
        }
        int last = k - (parts - 1) * GemmKernel.KC;
        return last >= GemmKernel.KC / 2 && last <= GemmKernel.KC;
    }

    /** Whether the output is split by rows: A is the larger operand, or C is too narrow for columns. */
    private static boolean splitsRows(int m, int n, int parts) {
        return m >= 8 * parts && (m >= n || n < MIN_COLUMNS_PER_PART * parts);
    }

    /** One GEMM call, reused by its calling thread so that a call allocates nothing. */
    private final class GemmJob implements WorkerPool.Job {
        private Transpose ta;
        private Transpose tb;
        private int m;
        private int n;
        private int k;
        private float alpha;
        private float beta;
        private float[] a;
        private float[] b;
        private float[] c;
        private int lda;
        private int ldb;
        private int ldc;
        /** Applied to C as it is stored, or null. */
        private Epilogue epilogue;
        /** Whether the parts are depth ranges; part p > 0 then writes its sums to partials[p - 1]. */
        private boolean splitDepth;
        private float[][] partials = new float[0][];

        void set(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
                 float[] b, int ldb, float beta, float[] c, int ldc) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.lda = lda;
            this.b = b;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.ldc = ldc;
            // Decided per call; a part that threw may have left the previous call's choice here.
            this.splitDepth = false;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
            epilogue = null;
            splitDepth = false;
        }

        /**
         * Adds the later depth parts' sums to C, part after part (the order of the k-blocks), with
         * the epilogue after the last; through the kernel's fold, so the same bits as one thread's
         * k-blocks.
         */
        void addPartials(int parts) {
            for (int p = 1; p < parts; p++) {
                KERNEL.addSums(partials[p - 1], m, n, c, ldc, p == parts - 1 ? epilogue : null);
            }
        }

        @Override
        public void run(int part, int parts) {
            if (splitDepth) {
                runDepthPart(part, parts);
                return;
            }
            int i0 = 0;
            int i1 = m;
            int j0 = 0;
            int j1 = n;
            if (parts > 1) {
                // Each thread packs the whole of the operand that the split does not divide, so
                // divide the larger one: rows (and so A) when A is the larger, else columns (B).
                if (splitsRows(m, n, parts)) {
                    // Splits fall on the kernel's grains (whole tiles, or vectors where it has narrow tiles).
                    int grain = KERNEL.rowGrain(ta);
                    int grains = (m + grain - 1) / grain;
                    i0 = Math.min(m, grain * (int) ((long) grains * part / parts));
                    i1 = Math.min(m, grain * (int) ((long) grains * (part + 1) / parts));
                } else if (n >= KERNEL.columnGrain(ta) * parts) {
                    int grain = KERNEL.columnGrain(ta);
                    int grains = (n + grain - 1) / grain;
                    j0 = Math.min(n, grain * (int) ((long) grains * part / parts));
                    j1 = Math.min(n, grain * (int) ((long) grains * (part + 1) / parts));
                } else {
                    j0 = (int) ((long) n * part / parts);
                    j1 = (int) ((long) n * (part + 1) / parts);
                }
            }
            if (i0 < i1 && j0 < j1) {
                block(i0, i1, j0, j1);
            }
        }

        /** Part p of a depth split: k-block p (the last also takes the rest), all of C. */
        private void runDepthPart(int part, int parts) {
            int k0 = part * GemmKernel.KC;
            int k1 = part == parts - 1 ? k : k0 + GemmKernel.KC;
            if (part == 0) {
                KERNEL.compute(ta, tb, k0, k1, alpha, true, a, lda, b, ldb, c, ldc, 0, m, 0, n, null);
                return;
            }
            KERNEL.compute(ta, tb, k0, k1, alpha, true, a, lda, b, ldb, partials[part - 1], n, 0, m, 0, n, null);
        }

        /** Grows the later parts' scratch to m x n each, before the parts run (once per size). */
        void preparePartials(int parts) {
            if (partials.length < parts - 1) {
                partials = java.util.Arrays.copyOf(partials, parts - 1);
            }
            for (int p = 0; p < parts - 1; p++) {
                if (partials[p] == null || partials[p].length < m * n) {
                    partials[p] = new float[m * n];
                }
            }
        }

        private void block(int i0, int i1, int j0, int j1) {
            // With beta = 0 and some depth the kernel overwrites C: one pass over C fewer.
            boolean overwrite = beta == 0f && k > 0;
            if (!overwrite) {
                scale(i0, i1, j0, j1);
            }
            if (k > 0) {
                KERNEL.compute(ta, tb, 0, k, alpha, overwrite, a, lda, b, ldb, c, ldc, i0, i1, j0, j1, epilogue);
            } else if (epilogue != null) {
                epilogue.applyRows(c, ldc, i0, i1, j0, j1);
            }
        }

        private void scale(int i0, int i1, int j0, int j1) {
            if (beta == 1f) {
                return;
            }
            for (int i = i0; i < i1; i++) {
                int o = i * ldc;
                if (beta == 0f) {
                    java.util.Arrays.fill(c, o + j0, o + j1, 0f);
                } else {
                    for (int j = j0; j < j1; j++) {
                        c[o + j] *= beta;
                    }
                }
            }
        }
    }
}
