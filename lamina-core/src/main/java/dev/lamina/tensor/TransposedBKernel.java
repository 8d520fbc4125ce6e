package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel for products with a transposed B, {@code C = op(A) Bᵀ} with B stored
 * {@code n x k} (a Dense layer's input gradient {@code dY Wᵀ}): vectors run down the columns of C
 * instead of along its rows, so B's elements are broadcast straight from its rows and B is never
 * packed. {@link VectorKernel}'s panels would need B gathered column by column, which cost as much
 * as the product itself at 32 rows and a depth of 512. In exchange C is read and written once in a
 * transposed pass, which costs as much at a small depth, so {@link VectorKernel} sends here only
 * products at least twice as deep as their rows (measured on AVX-512, one thread: 32 x 512 x 512
 * at 92 GFLOP/s against 50; 256 x 1024 x 1024 at 92 against 83; 256 x 1024 x 256 at 83 against 97).
 *
 * <p>A tile of C is {@code 2L} rows by {@link #NB} columns: 6 with 512-bit vectors (12
 * accumulators), 4 below (8 accumulators, two vectors of A and four broadcasts: 14 of AVX2's 16
 * registers even when C2 loads every broadcast of a step first; with 6 columns there it spilled
 * two accumulators in every step, and ran at 28-32 GFLOP/s on a Zen 3 core against 34-48 with 4 at
 * 32 x 512 x 512, and at 23-25 against 36-45 at 128 x 1024 x 1024). Its rows of A are
 * packed column by column ({@code 2L} floats per k, zero-padded), and its part of C is kept
 * transposed in a scratch block across the k-blocks and written back once. Each element still
 * accumulates from zero over a k-block of {@link GemmKernel#KC} in ascending p with one fused
 * multiply-add per term, then folds in as {@code fma(acc, alpha, C)}: the same bits as every
 * other kernel.
 */
final class TransposedBKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per tile: two vectors. */
    static final int MT = 2 * L;
    /** Columns of C per tile, each a row of B broadcast per k. */
    static final int NB = L >= 16 ? 6 : 4;
    /** Columns of C per block, whose transposed tiles stay in the scratch. */
    private static final int NC = 1020;

    private final ThreadLocal<float[]> aPacks = ThreadLocal.withInitial(() -> new float[MT * GemmKernel.KC]);
    private final ThreadLocal<float[]> blocks = ThreadLocal.withInitial(() -> new float[MT * NC]);
    private final ThreadLocal<float[]> tiles = ThreadLocal.withInitial(() -> new float[MT * NB]);

    /**
     * Adds {@code alpha op(A) Bᵀ} over the depths [k0, k) to rows [i0, i1), columns [j0, j1) of C;
     * writes it if {@code overwrite}.
     */
    void compute(Transpose ta, int k0, int k, float alpha, boolean overwrite, float[] a, int lda, float[] b, int ldb, float[] c,
                 int ldc, int i0, int i1, int j0, int j1) {
        float[] ap = aPacks.get();
        float[] ct = blocks.get();
        float[] tile = tiles.get();
        for (int jb = j0; jb < j1; jb += NC) {
            int nc = Math.min(NC, j1 - jb);
            for (int ib = i0; ib < i1; ib += MT) {
                int rows = Math.min(MT, i1 - ib);
                if (!overwrite) {
                    loadTransposed(c, ldc, ib, rows, jb, nc, ct);
                }
                for (int kb = k0; kb < k; kb += GemmKernel.KC) {
                    int kc = Math.min(GemmKernel.KC, k - kb);
                    packA(ta, a, lda, ib, rows, kb, kc, ap);
                    for (int q = 0; q < nc; q += NB) {
                        int last = jb + Math.min(q + NB, nc) - 1;
                        micro(ap, kc, b, ldb, kb, jb + q, last, alpha, overwrite && kb == k0, ct, q * MT, tile);
                    }
                }
                storeTransposed(ct, ib, rows, jb, nc, c, ldc);
            }
        }
    }

    /** {@code ct[j * MT + r] = C[ib + r][jb + j]}; rows past the end are left as they are (never stored). */
    private static void loadTransposed(float[] c, int ldc, int ib, int rows, int jb, int nc, float[] ct) {
        for (int r = 0; r < rows; r++) {
            int co = (ib + r) * ldc + jb;
            for (int j = 0; j < nc; j++) {
                ct[j * MT + r] = c[co + j];
            }
        }
    }

    private static void storeTransposed(float[] ct, int ib, int rows, int jb, int nc, float[] c, int ldc) {
        for (int r = 0; r < rows; r++) {
            int co = (ib + r) * ldc + jb;
            for (int j = 0; j < nc; j++) {
                c[co + j] = ct[j * MT + r];
            }
        }
    }

    /**
     * op(A)'s rows ib.. (k columns kb..) column by column: {@code ap[p * MT + r]}, zero past the last
     * row. The zeros are written by {@code Arrays.fill} per column, with a length of 0 for whole
     * blocks, instead of a fill behind a test of the row count: with the test, C2 compiled this
     * kernel for whole blocks only and deoptimized and recompiled it (50 ms, in W1's timed epochs)
     * when the first batch of fewer rows came.
     */
    private static void packA(Transpose ta, float[] a, int lda, int ib, int rows, int kb, int kc, float[] ap) {
        if (ta == Transpose.YES) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(a, (kb + p) * lda + ib, ap, p * MT, rows);
                java.util.Arrays.fill(ap, p * MT + rows, (p + 1) * MT, 0f);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int src = (ib + r) * lda + kb;
            for (int p = 0; p < kc; p++) {
                ap[p * MT + r] = a[src + p];
            }
        }
        for (int p = 0; p < kc; p++) {
            java.util.Arrays.fill(ap, p * MT + rows, (p + 1) * MT, 0f);
        }
    }

    /**
     * Columns col0..col0+NB-1 of the tile (those past {@code last} repeat row {@code last} of B, and
     * their sums land in scratch that is never stored) over one k-block. The fifth and sixth columns
     * stand behind {@code NB == 6}, a constant to the JIT: with 4 columns their code is not compiled.
     */
    private static void micro(float[] ap, int kc, float[] b, int ldb, int kb, int col0, int last, float alpha,
                              boolean fresh, float[] ct, int co, float[] tile) {
        int b0 = Math.min(col0, last) * ldb + kb;
        int b1 = Math.min(col0 + 1, last) * ldb + kb;
        int b2 = Math.min(col0 + 2, last) * ldb + kb;
        int b3 = Math.min(col0 + 3, last) * ldb + kb;
        int b4 = Math.min(col0 + 4, last) * ldb + kb;
        int b5 = Math.min(col0 + 5, last) * ldb + kb;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector x0 = FloatVector.fromArray(S, ap, p * MT);
            FloatVector x1 = FloatVector.fromArray(S, ap, p * MT + L);
            FloatVector v = FloatVector.broadcast(S, b[b0 + p]);
            c00 = x0.fma(v, c00);
            c01 = x1.fma(v, c01);
            v = FloatVector.broadcast(S, b[b1 + p]);
            c10 = x0.fma(v, c10);
            c11 = x1.fma(v, c11);
            v = FloatVector.broadcast(S, b[b2 + p]);
            c20 = x0.fma(v, c20);
            c21 = x1.fma(v, c21);
            v = FloatVector.broadcast(S, b[b3 + p]);
            c30 = x0.fma(v, c30);
            c31 = x1.fma(v, c31);
            if (NB == 6) {
                v = FloatVector.broadcast(S, b[b4 + p]);
                c40 = x0.fma(v, c40);
                c41 = x1.fma(v, c41);
                v = FloatVector.broadcast(S, b[b5 + p]);
                c50 = x0.fma(v, c50);
                c51 = x1.fma(v, c51);
            }
        }
        // Through a scratch tile and a separate fold, as in VectorKernel: a fold written out here
        // could exceed C2's inlining budget and box the vectors.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, MT);
        c11.intoArray(tile, MT + L);
        c20.intoArray(tile, 2 * MT);
        c21.intoArray(tile, 2 * MT + L);
        c30.intoArray(tile, 3 * MT);
        c31.intoArray(tile, 3 * MT + L);
        if (NB == 6) {
            c40.intoArray(tile, 4 * MT);
            c41.intoArray(tile, 4 * MT + L);
            c50.intoArray(tile, 5 * MT);
            c51.intoArray(tile, 5 * MT + L);
        }
        fold(tile, alpha, fresh, ct, co);
    }

    /**
     * {@code ct[co + x] = fma(tile[x], alpha, ct[co + x])} over the whole tile, or with +0 in place of
     * {@code ct} in the first k-block of a product that overwrites C (so the scratch block is never
     * zeroed first, a pass that took 1 % of a batch-256 training step). Not {@link Fold#run}: this
     * tile is always whole, and the general fold made NT 256x1024x1024 about 10 % slower (84-86
     * against 96 GFLOP/s on one thread, K1 alternated).
     */
    private static void fold(float[] tile, float alpha, boolean fresh, float[] ct, int co) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        if (fresh) {
            FloatVector z = FloatVector.zero(S);
            for (int x = 0; x < NB * MT; x += L) {
                FloatVector.fromArray(S, tile, x).fma(al, z).intoArray(ct, co + x);
            }
            return;
        }
        for (int x = 0; x < NB * MT; x += L) {
            FloatVector.fromArray(S, tile, x).fma(al, FloatVector.fromArray(S, ct, co + x)).intoArray(ct, co + x);
        }
    }
}
