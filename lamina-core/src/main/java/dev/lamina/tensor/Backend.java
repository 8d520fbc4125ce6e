package dev.lamina.tensor;

/**
 * The kernels that a native library may replace: for now the general matrix product.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; see {@link Backends}. Every
 * implementation must give results that do not depend on how many threads it uses, so that a run
 * can be reproduced from its seed.
 */
public interface Backend {
    /** A short name, e.g. {@code "java"} or {@code "openblas"}. */
    String name();

    /**
     * Higher wins when several backends are available; the Java backend has priority 0.
     */
    default int priority() {
        return 0;
    }

    /**
     * Row-major {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(A)} is m by k and
     * {@code op(B)} is k by n. When {@code beta} is 0, C's previous contents are ignored (even NaN).
     *
     * @param ta whether A is transposed: A is stored m by k ({@code NO}) or k by m ({@code YES})
     * @param tb whether B is transposed: B is stored k by n ({@code NO}) or n by k ({@code YES})
     * @param lda the row stride of A as stored
     * @param ldb the row stride of B as stored
     * @param ldc the row stride of C
     */
    void gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
              float[] b, int ldb, float beta, float[] c, int ldc);

    /**
     * {@link #gemm(Transpose, Transpose, int, int, int, float, float[], int, float[], int, float, float[], int)}
     * followed by {@code epilogue} on every element of C (null: none), with the same bits as the
     * product and then the epilogue as a separate pass. A backend may apply it while it stores
     * C (the Java backend does); this default runs it as a pass afterwards, rows shared among
     * {@link #workers()}.
     */
    default void gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
                      float[] b, int ldb, float beta, float[] c, int ldc, Epilogue epilogue) {
        gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        if (epilogue != null && m > 0 && n > 0) {
            epilogue.checkColumns(n);
            new ParallelLoop() {
                @Override
                protected void body(int from, int to) {
                    epilogue.applyRows(c, ldc, from, to, 0, n);
                }
            }.run(m, (long) m * n);
        }
    }

    /**
     * The threads that Lamina's own loops (activations, normalization, dropout, optimizers) share
     * while this backend is in use: the shared pool unless the backend has its own.
     */
    default WorkerPool workers() {
        return WorkerPool.SHARED;
    }
}
