package dev.lamina.tensor;

/**
 * The work of one thread's part of a GEMM: {@code C[i0..i1, j0..j1] = fma(acc, alpha, C)} per
 * k-block of {@link #KC}, where {@code acc = sum over p of op(A)(i, p) op(B)(p, j)} is accumulated
 * from 0 with one fused multiply-add per term, p ascending. With {@code overwrite}, the first
 * k-block takes {@code +0} in place of C (C's old values, NaN included, are never read), which
 * gives the same bits as zeroing C first without the pass over it. Every implementation follows this exact
 * order and rounding, so results are bit-identical whichever kernel runs and however the output is
 * split among threads.
 */
interface GemmKernel {
    /** The depth of a k-block: the same in every kernel, since it fixes the rounding. */
    int KC = 256;

    /**
     * Accumulates {@code alpha op(A) op(B)} over the depths [k0, k) into rows [i0, i1) and columns
     * [j0, j1) of C, or writes it there if {@code overwrite} ({@code k} must then exceed
     * {@code k0}). {@code k0} is 0 or a multiple of {@link #KC}: the k-blocks keep their places, so
     * a product split into depth ranges adds up, block after block, to the same bits. A non-null
     * {@code epilogue} is applied to each element once its last k-block is folded in ({@code k} is
     * then the product's whole depth), with the same bits as applying it afterwards.
     */
    void compute(Transpose ta, Transpose tb, int k0, int k, float alpha, boolean overwrite, float[] a, int lda, float[] b,
                 int ldb, float[] c, int ldc, int i0, int i1, int j0, int j1, Epilogue epilogue);

    /**
     * Adds an m x n block of sums (row-major, row i at {@code sums[i * n]}) to rows [0, m) and
     * columns [0, n) of C as a k-block's fold with alpha 1 does, {@code C = fma(sum, 1, C)} (the
     * sum rounded once), then applies {@code epilogue} if not null: how a product split by depth
     * adds its later parts.
     */
    void addSums(float[] sums, int m, int n, float[] c, int ldc, Epilogue epilogue);

    /**
     * Row splits between threads fall on multiples of this for products with A so laid out: the
     * height of the kernel's tiles, so that only the last part can end in a partial tile.
     */
    int rowGrain(Transpose ta);

    /**
     * Column splits between threads fall on multiples of this for products with A so laid out:
     * the narrowest width the kernel covers without computing padding columns.
     */
    int columnGrain(Transpose ta);

    /** A short name for logs and benchmarks. */
    String name();
}
