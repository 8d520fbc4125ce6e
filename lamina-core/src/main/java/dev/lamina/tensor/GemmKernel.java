package dev.lamina.tensor;

/**
 * The inner block of the GEMM: {@code C[i0..i1, jb..jb+nc) = fma(alpha, acc, C)} where
 * {@code acc = sum over p of A(i, kb + p) B(p, j)} is accumulated from 0 with one fused
 * multiply-add per term, p ascending. Every implementation follows this exact order and
 * rounding, so results are bit-identical whichever kernel runs.
 *
 * <p>{@code A(i, p) = a[aBase + i * ars + p * acs]}; {@code B(p, jb + j) = b[bBase + p * bStride + j]}.
 */
interface GemmKernel {
    /** Accumulates one block. */
    void block(float[] a, int aBase, int ars, int acs, float[] b, int bBase, int bStride, float[] c, int ldc,
               int i0, int i1, int jb, int nc, int kc, float alpha);

    /** A short name for logs and benchmarks. */
    String name();
}
