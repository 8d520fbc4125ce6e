package dev.lamina.bench;

import dev.lamina.tensor.Transpose;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS's {@code cblas_sgemm} on matrices already in native memory, as the peers measured it:
 * the reference that K1 compares the Java GEMM with, without the copies a Lamina backend makes.
 */
final class NativeSgemm implements AutoCloseable {
    private final FloatPointer a;
    private final FloatPointer b;
    private final FloatPointer c;
    private final int ta;
    private final int tb;
    private final int m;
    private final int n;
    private final int k;
    private final int lda;
    private final int ldb;

    NativeSgemm(Transpose ta, Transpose tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb) {
        this.a = new FloatPointer(a);
        this.b = new FloatPointer(b);
        this.c = new FloatPointer((long) m * n);
        this.ta = ta == Transpose.NO ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans;
        this.tb = tb == Transpose.NO ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans;
        this.m = m;
        this.n = n;
        this.k = k;
        this.lda = lda;
        this.ldb = ldb;
    }

    /** {@code C = op(A) op(B)} with OpenBLAS's current thread count. */
    void run() {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
