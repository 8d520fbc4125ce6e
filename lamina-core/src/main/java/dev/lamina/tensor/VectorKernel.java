package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GemmKernel} on the Vector API ({@code jdk.incubator.vector}), in the manner of BLIS:
 * per k-block, a panel of B ({@code KC x NC}) is packed into micro-panels of {@code NR} columns and
 * a panel of A ({@code MC x KC}) into micro-panels of {@code MR = 4} rows (edges padded with zeros),
 * so that the micro-kernel streams both from contiguous memory; the micro-kernel keeps an
 * {@code 4 x NR} tile of C in 12 vector registers ({@code NR} = 3 vectors) across the k-block.
 * (Measured on JDK 17 and AVX-512: 4 x 3 vectors beat 4 x 2; 8 x 2, 6 x 2 and 4 x 4 ran 2 to 5 times
 * slower, the register allocator spilling the accumulators.) Loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; see {@link JavaBackend}.
 *
 * <p>Three kinds of product leave the panels, with the same bits: those with a transposed B and a
 * depth of at least twice the rows go to {@link TransposedBKernel}, which reads B without packing
 * it (packing a transposed B is a gather that costs about as much as a product of 32 rows; that
 * kernel's own cost is a transposed pass over C, about as much at a depth of 32); those of at most
 * four rows against a plain B go to {@link FewRowsKernel}; those with a single output column go
 * to one of the two (see {@code singleColumn}).
 */
final class VectorKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 4;
    private static final int NR = 3 * L;
    private static final int MC = 128;
    private static final int NC = 1024;

    private final TransposedBKernel transposedB = new TransposedBKernel();
    private final FewRowsKernel fewRows = new FewRowsKernel();
    private final ThreadLocal<float[]> aPacks = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private final ThreadLocal<float[]> bPacks = ThreadLocal.withInitial(() -> new float[(NC + NR - 1) / NR * NR * KC]);
    private final ThreadLocal<float[]> tiles = ThreadLocal.withInitial(() -> new float[MR * NR]);

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void compute(Transpose ta, Transpose tb, int k0, int k, float alpha, boolean overwrite, float[] a, int lda,
                        float[] b, int ldb, float[] c, int ldc, int i0, int i1, int j0, int j1, Epilogue epilogue) {
        if (j0 == 0 && j1 == 1 && ldc == 1 && singleColumn(ta, tb, k0, k, alpha, overwrite, a, lda, b, ldb, c, i0, i1)) {
            if (epilogue != null) {
                epilogue.applyRows(c, ldc, i0, i1, 0, 1);
            }
            return;
        }
        if (tb == Transpose.NO && i1 - i0 <= FewRowsKernel.MAX_ROWS) {
            fewRows.compute(ta, k0, k, alpha, overwrite, a, lda, b, ldb, c, ldc, i0, i1, j0, j1, epilogue);
            return;
        }
        if (tb == Transpose.YES && k >= 2 * (i1 - i0)) {
            transposedB.compute(ta, k0, k, alpha, overwrite, a, lda, b, ldb, c, ldc, i0, i1, j0, j1);
            if (epilogue != null) {
                epilogue.applyRows(c, ldc, i0, i1, j0, j1);
            }
            return;
        }
        float[] ap = aPacks.get();
        float[] bp = bPacks.get();
        float[] tile = tiles.get();
        for (int kb = k0; kb < k; kb += KC) {
            int kc = Math.min(KC, k - kb);
            Epilogue e = kb + kc == k ? epilogue : null;
            for (int jb = j0; jb < j1; jb += NC) {
                int nc = Math.min(NC, j1 - jb);
                int npanels = (nc + NR - 1) / NR;
                packB(tb, b, ldb, kb, kc, jb, nc, bp);
                for (int ib = i0; ib < i1; ib += MC) {
                    int mc = Math.min(MC, i1 - ib);
                    int mpanels = (mc + MR - 1) / MR;
                    packA(ta, a, lda, ib, mc, kb, kc, ap);
                    for (int s = 0; s < mpanels; s++) {
                        int rows = Math.min(MR, mc - s * MR);
                        for (int q = 0; q < npanels; q++) {
                            int cols = Math.min(NR, nc - q * NR);
                            micro(ap, s * kc * MR, bp, q * kc * NR, kc, c, ldc, ib + s * MR, jb + q * NR, rows, cols,
                                    alpha, overwrite && kb == k0, e, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * A product with one output column (a Dense layer of one unit), which would fill one column of
     * each 48-wide panel. {@code op(A)ᵀ b} (a weight gradient) is the one-row product {@code bᵀ op(A)}
     * for {@link FewRowsKernel}; {@code op(A) b} goes to {@link TransposedBKernel}, for which a
     * column b is also a row. Returns false where neither applies.
     */
    private boolean singleColumn(Transpose ta, Transpose tb, int k0, int k, float alpha, boolean overwrite, float[] a, int lda,
                                 float[] b, int ldb, float[] c, int i0, int i1) {
        if (ta == Transpose.YES && tb == Transpose.NO) {
            fewRows.compute(Transpose.YES, k0, k, alpha, overwrite, b, ldb, a, lda, c, 1, 0, 1, i0, i1, null);
            return true;
        }
        if (tb == Transpose.YES || ldb == 1) {
            transposedB.compute(ta, k0, k, alpha, overwrite, a, lda, b, k, c, 1, i0, i1, 0, 1);
            return true;
        }
        return false;
    }

    /** B's block (k rows kb.., columns jb..) as micro-panels: element (p, j) of panel q at q*kc*NR + p*NR + j. */
    private static void packB(Transpose tb, float[] b, int ldb, int kb, int kc, int jb, int nc, float[] bp) {
        int npanels = (nc + NR - 1) / NR;
        for (int q = 0; q < npanels; q++) {
            int cols = Math.min(NR, nc - q * NR);
            int dst = q * kc * NR;
            if (tb == Transpose.NO && cols == NR) {
                // Three vectors per p: a call to System.arraycopy per 48 floats cost more than the copy.
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * ldb + jb + q * NR;
                    int d = dst + p * NR;
                    FloatVector.fromArray(S, b, src).intoArray(bp, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(bp, d + L);
                    FloatVector.fromArray(S, b, src + 2 * L).intoArray(bp, d + 2 * L);
                }
            } else if (tb == Transpose.NO) {
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * ldb + jb + q * NR;
                    int d = dst + p * NR;
                    System.arraycopy(b, src, bp, d, cols);
                    for (int j = cols; j < NR; j++) {
                        bp[d + j] = 0f;
                    }
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    if (j < cols) {
                        int src = (jb + q * NR + j) * ldb + kb;
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * NR + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * NR + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** A's block (rows ib.., k columns kb..) as micro-panels: element (i, p) of panel s at s*kc*MR + p*MR + i. */
    private static void packA(Transpose ta, float[] a, int lda, int ib, int mc, int kb, int kc, float[] ap) {
        int mpanels = (mc + MR - 1) / MR;
        for (int s = 0; s < mpanels; s++) {
            int rows = Math.min(MR, mc - s * MR);
            int dst = s * kc * MR;
            if (ta == Transpose.YES && rows == MR) {
                // Four floats per p: element by element, since a call to System.arraycopy per p cost
                // more than the copy (a quarter of a batch-32 step's time went here).
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * lda + ib + s * MR;
                    int d = dst + p * MR;
                    ap[d] = a[src];
                    ap[d + 1] = a[src + 1];
                    ap[d + 2] = a[src + 2];
                    ap[d + 3] = a[src + 3];
                }
            } else if (ta == Transpose.YES) {
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * lda + ib + s * MR;
                    int d = dst + p * MR;
                    for (int i = 0; i < MR; i++) {
                        ap[d + i] = i < rows ? a[src + i] : 0f;
                    }
                }
            } else {
                for (int i = 0; i < MR; i++) {
                    if (i < rows) {
                        int src = (ib + s * MR + i) * lda + kb;
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * MR + i] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * MR + i] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** The 4 x NR tile at C[row0.., col0..]: acc over the k-block, then fma(acc, alpha, C or +0 if fresh). */
    private static void micro(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int ldc, int row0, int col0,
                              int rows, int cols, float alpha, boolean fresh, Epilogue epilogue, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            int x = ao + p * MR;
            FloatVector v = FloatVector.broadcast(S, ap[x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            c02 = v.fma(b2, c02);
            v = FloatVector.broadcast(S, ap[x + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            c12 = v.fma(b2, c12);
            v = FloatVector.broadcast(S, ap[x + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            c22 = v.fma(b2, c22);
            v = FloatVector.broadcast(S, ap[x + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            c32 = v.fma(b2, c32);
        }
        // The sums go through a scratch tile, folded into C by a separate method: with the fold
        // written out here the method grew past C2's inlining budget (NodeCountInliningCutoff), and
        // in some JVM runs the fold's vector calls were left un-inlined, boxing every vector
        // (80 KB per step, the step 70 % slower).
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c12.intoArray(tile, NR + 2 * L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L);
        fold(tile, c, ldc, row0, col0, rows, cols, alpha, fresh, epilogue);
    }

    /**
     * {@code C = fma(tile, alpha, C)} on the valid part of the tile at C[row0.., col0..], with +0 for C if
     * fresh, then the epilogue if not null.
     */
    private static void fold(float[] tile, float[] c, int ldc, int row0, int col0, int rows, int cols, float alpha,
                             boolean fresh, Epilogue epilogue) {
        for (int i = 0; i < rows; i++) {
            Fold.run(tile, i * NR, alpha, fresh, c, (row0 + i) * ldc + col0, cols, epilogue, col0);
        }
    }
}
