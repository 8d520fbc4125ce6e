package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GemmKernel} on the Vector API ({@code jdk.incubator.vector}), in the manner of BLIS:
 * per k-block, a panel of B ({@code KC x NC}) is packed into micro-panels of {@code nr} columns and
 * a panel of A ({@code MC x KC}) into micro-panels of {@code mr} rows (edges padded with zeros),
 * so that the micro-kernel streams both from contiguous memory; the micro-kernel keeps an
 * {@code mr x nr} tile of C in vector registers across the k-block ({@link Tile}: 6 x 4 vectors
 * with AVX-512, 4 x 3 with fewer registers). Each micro-panel of A (6 rows, 6 KB) stays in L1
 * while the micro-panels of B stream past it from L2: per k, the 6 x 4 tile loads 4 vectors and
 * broadcasts 6 floats for 24 FMAs, where 4 x 3 loads 3 and broadcasts 4 for 12. On a Zen 4 core
 * (one thread, tiles alternated in one JVM, 11 rounds) 6 x 4 ran the layer shapes of 256 rows 7 to
 * 14 % faster than 4 x 3 and those of 1024 to 2048 rows 12 %; 8 x 2 and 8 x 3 came between, 12 x 2
 * no better than 8 x 2. The sums leave the registers through a scratch tile folded into C by
 * {@link Fold}, with the epilogue on the last k-block. Loaded only when the JVM runs with
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
    private static final int MC = 120;
    private static final int NC = 1024;

    /**
     * The micro-kernel's tile of C, chosen by the registers the vector width implies: with 512-bit
     * vectors (x86's AVX-512, 32 registers) 6 rows by 4 vectors, 24 accumulators and 5 more
     * registers; with narrower vectors (AVX2, 16 registers) 4 rows by 3 vectors, 12 accumulators
     * and 4 more, which is all there is. On a CPU with two full-width FMA pipes (Zen 5), 24
     * independent sums cover the FMA latency (4 cycles x 2 pipes = 8 in flight) three times over. The tile decides only
     * the speed: every element's sum has the same terms in the same order either way.
     */
    enum Tile {
        /** 4 rows by 3 vectors. */
        ROWS_4_BY_3_VECTORS(4, 3),
        /** 6 rows by 4 vectors. */
        ROWS_6_BY_4_VECTORS(6, 4);

        final int rows;
        final int vectors;

        Tile(int rows, int vectors) {
            this.rows = rows;
            this.vectors = vectors;
        }

        /** The tile for the vectors this JVM runs with. */
        static Tile forThisMachine() {
            return S.vectorBitSize() >= 512 ? ROWS_6_BY_4_VECTORS : ROWS_4_BY_3_VECTORS;
        }
    }

    private final Tile shape;
    private final int mr;
    private final int nr;

    private final TransposedBKernel transposedB = new TransposedBKernel();
    private final FewRowsKernel fewRows = new FewRowsKernel();
    private final ThreadLocal<float[]> aPacks;
    private final ThreadLocal<float[]> bPacks;
    private final ThreadLocal<float[]> tiles;

    VectorKernel() {
        this(Tile.forThisMachine());
    }

    VectorKernel(Tile shape) {
        this.shape = shape;
        this.mr = shape.rows;
        this.nr = shape.vectors * L;
        aPacks = ThreadLocal.withInitial(() -> new float[MC * KC]);
        bPacks = ThreadLocal.withInitial(() -> new float[(NC + nr - 1) / nr * nr * KC]);
        tiles = ThreadLocal.withInitial(() -> new float[mr * nr]);
    }

    @Override
    public int tileRows() {
        return mr;
    }

    @Override
    public int tileColumns() {
        return nr;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize() + "-" + mr + "x" + shape.vectors;
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
                int npanels = (nc + nr - 1) / nr;
                packB(tb, b, ldb, kb, kc, jb, nc, nr, bp);
                for (int ib = i0; ib < i1; ib += MC) {
                    int mc = Math.min(MC, i1 - ib);
                    int mpanels = (mc + mr - 1) / mr;
                    // The 6 x 4 tile reads whole panels of a plain A in place, from six rows at once
                    // (0 to 9 % faster than packing them, one Zen 4 core); only a partial last panel
                    // is packed, with its zero rows.
                    boolean inPlace = ta == Transpose.NO && shape == Tile.ROWS_6_BY_4_VECTORS;
                    if (!inPlace) {
                        packA(ta, a, lda, ib, mc, kb, kc, mr, ap);
                    } else if (mc % mr != 0) {
                        packA(ta, a, lda, ib + (mpanels - 1) * mr, mc % mr, kb, kc, mr, ap);
                    }
                    for (int s = 0; s < mpanels; s++) {
                        int rows = Math.min(mr, mc - s * mr);
                        for (int q = 0; q < npanels; q++) {
                            int cols = Math.min(nr, nc - q * nr);
                            int bo = q * kc * nr;
                            if (inPlace && rows == mr) {
                                micro6x4(a, (ib + s * mr) * lda + kb, lda, 1, bp, bo, kc, tile);
                            } else if (inPlace) {
                                micro6x4(ap, 0, 1, mr, bp, bo, kc, tile);
                            } else if (shape == Tile.ROWS_6_BY_4_VECTORS) {
                                micro6x4(ap, s * kc * mr, 1, mr, bp, bo, kc, tile);
                            } else {
                                micro4x3(ap, s * kc * mr, bp, bo, kc, tile);
                            }
                            Fold.tile(tile, nr, rows, cols, alpha, overwrite && kb == k0, c, (ib + s * mr) * ldc + jb
                                    + q * nr, ldc, e, jb + q * nr);
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
        if (ta == Transpose.NO && (tb == Transpose.YES || ldb == 1)) {
            RowDots.compute(k0, k, alpha, overwrite, a, lda, b, c, i0, i1);
            return true;
        }
        if (tb == Transpose.YES || ldb == 1) {
            transposedB.compute(ta, k0, k, alpha, overwrite, a, lda, b, k, c, 1, i0, i1, 0, 1);
            return true;
        }
        return false;
    }

    /** B's block (k rows kb.., columns jb..) as micro-panels of nr columns: element (p, j) of panel q at q*kc*nr + p*nr + j. */
    private static void packB(Transpose tb, float[] b, int ldb, int kb, int kc, int jb, int nc, int nr, float[] bp) {
        int npanels = (nc + nr - 1) / nr;
        for (int q = 0; q < npanels; q++) {
            int cols = Math.min(nr, nc - q * nr);
            int dst = q * kc * nr;
            if (tb == Transpose.NO && cols == nr) {
                // Whole vectors per p: a call to System.arraycopy per panel row cost more than the copy.
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * ldb + jb + q * nr;
                    int d = dst + p * nr;
                    for (int v = 0; v < nr; v += L) {
                        FloatVector.fromArray(S, b, src + v).intoArray(bp, d + v);
                    }
                }
            } else if (tb == Transpose.NO) {
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * ldb + jb + q * nr;
                    int d = dst + p * nr;
                    System.arraycopy(b, src, bp, d, cols);
                    java.util.Arrays.fill(bp, d + cols, d + nr, 0f);
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    if (j < cols) {
                        int src = (jb + q * nr + j) * ldb + kb;
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * nr + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * nr + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** A's block (rows ib.., k columns kb..) as micro-panels of mr rows: element (i, p) of panel s at s*kc*mr + p*mr + i. */
    private static void packA(Transpose ta, float[] a, int lda, int ib, int mc, int kb, int kc, int mr, float[] ap) {
        int mpanels = (mc + mr - 1) / mr;
        for (int s = 0; s < mpanels; s++) {
            int rows = Math.min(mr, mc - s * mr);
            int dst = s * kc * mr;
            if (rows == 6 && mr == 6 && ta == Transpose.YES) {
                packSix(a, lda, ib + s * mr, kb, kc, ap, dst);
            } else if (ta == Transpose.YES) {
                // Element by element: a call to System.arraycopy per p cost more than the copy (a
                // quarter of a batch-32 step's time went there).
                for (int p = 0; p < kc; p++) {
                    int src = (kb + p) * lda + ib + s * mr;
                    int d = dst + p * mr;
                    for (int i = 0; i < rows; i++) {
                        ap[d + i] = a[src + i];
                    }
                    for (int i = rows; i < mr; i++) {
                        ap[d + i] = 0f;
                    }
                }
            } else {
                for (int i = 0; i < mr; i++) {
                    if (i < rows) {
                        int src = (ib + s * mr + i) * lda + kb;
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * mr + i] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * mr + i] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * A whole panel of six rows of a transposed A ({@code A(p, i0..i0+5)}, six consecutive floats
     * per p), written out: as a loop over the rows, packing took a tenth of the weight-gradient
     * products' time at batch 256.
     */
    private static void packSix(float[] a, int lda, int i0, int kb, int kc, float[] ap, int dst) {
        for (int p = 0; p < kc; p++) {
            int src = (kb + p) * lda + i0;
            int d = dst + p * 6;
            ap[d] = a[src];
            ap[d + 1] = a[src + 1];
            ap[d + 2] = a[src + 2];
            ap[d + 3] = a[src + 3];
            ap[d + 4] = a[src + 4];
            ap[d + 5] = a[src + 5];
        }
    }

    /** A 4 x 3-vector tile's sums over a k-block, from zero, into {@code tile} (row i at i * 3L). */
    private static void micro4x3(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
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
            int b = bo + p * 3 * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            int x = ao + p * 4;
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, 3 * L);
        c11.intoArray(tile, 4 * L);
        c12.intoArray(tile, 5 * L);
        c20.intoArray(tile, 6 * L);
        c21.intoArray(tile, 7 * L);
        c22.intoArray(tile, 8 * L);
        c30.intoArray(tile, 9 * L);
        c31.intoArray(tile, 10 * L);
        c32.intoArray(tile, 11 * L);
    }

    /**
     * A 6 x 4-vector tile's sums over a k-block, from zero, into {@code tile} (row i at i * 4L);
     * row i's element p of A is at {@code ap[ao + i * rs + p * ps]} (a packed panel: rs 1, ps 6;
     * rows of a plain A: rs its row stride, ps 1).
     */
    private static void micro6x4(float[] ap, int ao, int rs, int ps, float[] bp, int bo, int kc, float[] tile) {
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        FloatVector c33 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c42 = FloatVector.zero(S);
        FloatVector c43 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c52 = FloatVector.zero(S);
        FloatVector c53 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int b = bo + p * 4 * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            int x = ao + p * ps;
            FloatVector v = FloatVector.broadcast(S, ap[x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            c02 = v.fma(b2, c02);
            c03 = v.fma(b3, c03);
            v = FloatVector.broadcast(S, ap[x + rs]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            c12 = v.fma(b2, c12);
            c13 = v.fma(b3, c13);
            v = FloatVector.broadcast(S, ap[x + r2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            c22 = v.fma(b2, c22);
            c23 = v.fma(b3, c23);
            v = FloatVector.broadcast(S, ap[x + r3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            c32 = v.fma(b2, c32);
            c33 = v.fma(b3, c33);
            v = FloatVector.broadcast(S, ap[x + r4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            c42 = v.fma(b2, c42);
            c43 = v.fma(b3, c43);
            v = FloatVector.broadcast(S, ap[x + r5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            c52 = v.fma(b2, c52);
            c53 = v.fma(b3, c53);
        }
        c00.intoArray(tile, 0 * L);
        c01.intoArray(tile, 1 * L);
        c02.intoArray(tile, 2 * L);
        c03.intoArray(tile, 3 * L);
        c10.intoArray(tile, 4 * L);
        c11.intoArray(tile, 5 * L);
        c12.intoArray(tile, 6 * L);
        c13.intoArray(tile, 7 * L);
        c20.intoArray(tile, 8 * L);
        c21.intoArray(tile, 9 * L);
        c22.intoArray(tile, 10 * L);
        c23.intoArray(tile, 11 * L);
        c30.intoArray(tile, 12 * L);
        c31.intoArray(tile, 13 * L);
        c32.intoArray(tile, 14 * L);
        c33.intoArray(tile, 15 * L);
        c40.intoArray(tile, 16 * L);
        c41.intoArray(tile, 17 * L);
        c42.intoArray(tile, 18 * L);
        c43.intoArray(tile, 19 * L);
        c50.intoArray(tile, 20 * L);
        c51.intoArray(tile, 21 * L);
        c52.intoArray(tile, 22 * L);
        c53.intoArray(tile, 23 * L);
    }


}
