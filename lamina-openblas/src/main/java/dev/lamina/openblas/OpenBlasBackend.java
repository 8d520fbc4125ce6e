package dev.lamina.openblas;

import dev.lamina.tensor.Backend;
import dev.lamina.tensor.Transpose;
import dev.lamina.tensor.WorkerPool;
import java.util.Optional;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * A {@link Backend} that runs matrix products on OpenBLAS through the bytedeco presets
 * ({@code org.bytedeco:openblas}), whose native library is bundled in this module's dependencies.
 *
 * <p>Found through {@link java.util.ServiceLoader} when this module is on the classpath, and then
 * preferred over the built-in Java backend (priority 10); {@code -Dlamina.backend=java} or
 * {@code -Dlamina.backend=openblas} chooses explicitly. OpenBLAS uses as many threads as Lamina's
 * {@link WorkerPool} ({@code -Dlamina.threads}).
 *
 * <p>What it promises about bits is what OpenBLAS promises: for a fixed thread count and a fixed
 * kernel (the CPU, or {@code OPENBLAS_CORETYPE}), a product is a pure function of its inputs, the
 * same bits on every call. It does not promise the same bits for another thread count (some
 * kernels, such as the AVX2 one of {@code OPENBLAS_CORETYPE=Haswell}, sum an element in another
 * order when the output is split differently among threads) nor for another kernel; results agree
 * then within float32 rounding, and differ in the last bits from the Java backend's, which gives
 * the same bits for any thread count and vector width. Where a run must be reproducible bit for
 * bit on any machine, use the Java backend ({@code -Dlamina.backend=java}).
 *
 * <p>Lamina's tensors live on the Java heap and OpenBLAS reads native memory, so each call copies A
 * and B into per-thread native buffers (grown to the largest product seen, then reused) and copies
 * C back; for the products of a dense layer this costs a few percent of the multiply.
 *
 * <p>OpenBLAS picks its kernels from the CPU, unless the environment variable
 * {@code OPENBLAS_CORETYPE} names a core; see {@link CoreTypeAdvice} for the warning this backend
 * logs when that variable holds AVX-512 kernels back.
 */
public final class OpenBlasBackend implements Backend {
    /**
     * Why OpenBLAS cannot run in this JVM, if it cannot; checked once (logging the advice where it
     * can run), as OpenBLAS reads its variable once.
     */
    private static final Optional<String> UNUSABLE = CoreTypeAdvice.checkHere();

    private final ThreadLocal<NativeBuffers> buffers = ThreadLocal.withInitial(NativeBuffers::new);

    /** Loads OpenBLAS and sets its thread count to Lamina's. */
    public OpenBlasBackend() {
        this(WorkerPool.SHARED.threads());
    }

    /**
     * Loads OpenBLAS and sets its thread count.
     *
     * @throws IllegalStateException if {@code OPENBLAS_CORETYPE} names kernels this CPU cannot run
     *     ({@link CoreTypeAdvice#unusable}), before OpenBLAS is loaded
     */
    public OpenBlasBackend(int threads) {
        if (UNUSABLE.isPresent()) {
            throw new IllegalStateException(UNUSABLE.get());
        }
        openblas_nolapack.blas_set_num_threads(Math.max(1, threads));
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public void gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
                     float[] b, int ldb, float beta, float[] c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        int aRows = ta == Transpose.NO ? m : k;
        int aCols = ta == Transpose.NO ? k : m;
        int bRows = tb == Transpose.NO ? k : n;
        int bCols = tb == Transpose.NO ? n : k;
        long aSpan = span(aRows, aCols, lda, "A");
        long bSpan = span(bRows, bCols, ldb, "B");
        long cSpan = span(m, n, ldc, "C");
        check(a, aSpan, "A");
        check(b, bSpan, "B");
        check(c, cSpan, "C");
        NativeBuffers nb = buffers.get();
        nb.reserve(aSpan, bSpan, cSpan);
        nb.a.position(0).put(a, 0, (int) aSpan);
        nb.b.position(0).put(b, 0, (int) bSpan);
        if (beta != 0f) {
            nb.c.position(0).put(c, 0, (int) cSpan);
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, trans(ta), trans(tb), m, n, k, alpha,
                nb.a.position(0), Math.max(1, lda), nb.b.position(0), Math.max(1, ldb), beta, nb.c.position(0), ldc);
        nb.c.position(0).get(c, 0, (int) cSpan);
    }

    private static int trans(Transpose t) {
        return t == Transpose.NO ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans;
    }

    /** The number of elements from the first to the last element of a rows x cols matrix stored with stride ld. */
    private static long span(int rows, int cols, int ld, String which) {
        if (rows < 0 || cols < 0 || (rows > 1 && ld < cols)) {
            throw new IllegalArgumentException("gemm: " + which + " is " + rows + " x " + cols + " with row stride "
                    + ld + "; the stride must be at least the number of columns.");
        }
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }

    private static void check(float[] array, long span, String which) {
        if (array.length < span) {
            throw new IllegalArgumentException("gemm: " + which + " needs " + span + " elements but its array has "
                    + array.length + ".");
        }
    }
}
