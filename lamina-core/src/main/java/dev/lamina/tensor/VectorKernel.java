package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GemmKernel} on the Vector API ({@code jdk.incubator.vector}), in the manner of BLIS:
 * per k-block, a panel of B ({@code KC x NC}) is packed into micro-panels of the tile's width and
 * a panel of A into micro-panels of its height (edges padded with zeros), so that the micro-kernel
 * streams both from contiguous memory; the micro-kernel keeps a tile of C in vector registers
 * across the k-block ({@link Tile}): 3 rows by 3 vectors below 512-bit vectors (AVX2), 4 rows by 3
 * vectors with 512-bit vectors, or 6 by 4 on a processor that completes two 512-bit FMAs a cycle.
 * Tiles of 6 x 4, 8 x 2, 8 x 3 and 12 x 2 were measured against 4 x 3 on a Zen 4, and 6 x 2, 5 x 2,
 * 4 x 2 and 3 x 3 against 4 x 3 on a Zen 3; see {@link Tile}.
 * The sums leave the registers through a scratch tile folded into C by {@link Fold}, with the
 * epilogue on the last k-block (whole 3 x 3 tiles without an epilogue fold straight from the
 * registers). B's block is packed row by row; the panel path walks it in chunks that stay in L2
 * ({@code B_CHUNK}).
 * Loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; see {@link JavaBackend}.
 *
 * <p>Four kinds of product leave the panels, with the same bits: those of depth one with a
 * contiguous row of B (outer products) go to {@link RankOneKernel}; those with a transposed B and a
 * depth of at least twice the rows go to {@link TransposedBKernel}, which reads B without packing
 * it (packing a transposed B is a gather that costs about as much as a product of 32 rows; that
 * kernel's own cost is a transposed pass over C, about as much at a depth of 32); those of at most
 * four rows against a plain B go to {@link FewRowsKernel}; those with a single output column go
 * to one of the two (see {@code singleColumn}).
 */
final class VectorKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NC = 1024;
    /** The 4 x 3-vector tile: rows, columns, rows of A per block. */
    private static final int MR = 4;
    private static final int NR = 3 * L;
    private static final int MC = 128;
    /** The tiles of six rows: 4 or 2 vectors wide; rows of A per block (for 3 x 3 too). */
    private static final int MR6 = 6;
    private static final int NR6 = 4 * L;
    private static final int NR62 = 2 * L;
    private static final int MC6 = 120;
    /** The 3 x 3-vector tile: rows, columns. */
    private static final int MR3 = 3;
    private static final int NR3 = 3 * L;
    /**
     * The 6 x 2 tile's packed A holds 8 floats per step of the sum, 6 of them used: C2 turns the
     * index {@code p * 6} into {@code (p << 2) + (p << 1)}, which its range-check elimination does
     * not recognize, and kept two range checks per step in the loop; {@code p * 8} is a shift,
     * and the checks leave the loop. On a Zen 3 core 6 x 2 ran 1.1-1.5 times as fast as 4 x 3
     * with it, 0.84 times without.
     */
    private static final int A62 = 8;
    /**
     * The floats of B's block that the panel path walks for each micro-panel of A before the next
     * (256 KiB, half of a Zen 3 core's L2): a block of 1024 columns does not stay in a 512 KiB L2
     * beside A's, and its panels came from L3 for every micro-panel of A.
     */
    private static final int B_CHUNK = 64 * 1024;
    /** What {@link #micro3x3} does with its sums: stores them, folds them into C, or into a C it overwrites. */
    private static final int SUMS = 0;
    private static final int FOLD = 1;
    private static final int FOLD_FRESH = 2;

    /**
     * The micro-kernels this JVM uses.
     * <ul>
     * <li>Below 512-bit vectors (AVX2, whose register file has 16 vectors), 3 rows by 3 vectors:
     *     9 accumulators, 3 vectors of B and 3 broadcasts, 15 registers even when C2 loads every
     *     broadcast of a step ahead of its FMAs, which it does: JDK 25's C2 loaded all of them
     *     first, JDK 17's two or three. The tiles with more accumulators spilled one in every
     *     step of their loops (4 x 3 and 6 x 2 on JDK 17, 6 x 2 and 5 x 2 on JDK 25), which held
     *     them to 30-39 GFLOP/s on a Zen 3 core, whose FMA peak was 86-90; 3 x 3's loop, like
     *     4 x 2's, ran at 80-90 on both. 3 x 3 issues as few loads per FMA as 6 x 2 (two for
     *     three), and with 9 independent sums it keeps both FMA pipes busy at a 4-cycle latency
     *     with one to spare.
     *     In the product it ran 1.25-1.4 times as fast as 6 x 2 (NN and TN, interleaved in one
     *     JVM).
     * <li>With 512-bit vectors (32 registers), 6 rows by 4 vectors (24 accumulators) loads a third
     *     fewer vectors of B per FMA than 4 x 3 and broadcasts a quarter fewer elements of A: what a
     *     core that completes two 512-bit FMAs a cycle needs, since at that rate 4 x 3's loop
     *     (37 instructions per 12 FMAs) and its 16 bytes of B per FMA from L2 hold it back.
     * <li>On a core that splits each 512-bit FMA into two 256-bit halves (Zen 4) 4 x 3 is the
     *     faster one.
     * </ul>
     * {@link #forThisMachine} chooses by the vector width and the {@link Processor};
     * {@code -Dlamina.gemm.tile=4x3}, {@code 3x3}, {@code 6x2} or {@code 6x4} (512-bit vectors only) overrides
     * it. The tile decides only the speed: every element's sum has the same terms in the same
     * order whichever it is.
     */
    enum Tile {
        /** 4 rows by 3 vectors for every product. */
        ROWS_4_BY_3_VECTORS(4, 3),
        /** 6 rows by 2 vectors for every product (the default below 512-bit vectors before 3 x 3). */
        ROWS_6_BY_2_VECTORS(6, 2),
        /** 6 rows by 4 vectors for every product (512-bit vectors only). */
        ROWS_6_BY_4_VECTORS(6, 4),
        /** 3 rows by 3 vectors for every product (the default below 512-bit vectors). */
        ROWS_3_BY_3_VECTORS(3, 3);

        private final String label;

        Tile(int rows, int vectors) {
            this.label = rows + "x" + vectors;
        }

        /** The tile for this JVM's vector width, processor and {@code -Dlamina.gemm.tile}. */
        static Tile forThisMachine() {
            return choose(S.vectorBitSize(), Processor.current(), System.getProperty("lamina.gemm.tile"));
        }

        /**
         * The {@code requested} tile ({@code 4x3}, {@code 3x3}, {@code 6x2}, or {@code 6x4} with
         * 512-bit vectors); with none (or another), 3 x 3 below 512-bit vectors, 4 x 3 where the processor
         * splits 512-bit FMAs and 6 x 4 elsewhere.
         */
        static Tile choose(int vectorBits, Processor processor, String requested) {
            for (Tile t : values()) {
                if (t.label.equals(requested) && (t != ROWS_6_BY_4_VECTORS || vectorBits >= 512)) {
                    return t;
                }
            }
            if (vectorBits < 512) {
                return ROWS_3_BY_3_VECTORS;
            }
            return processor.splitsWideFmas() ? ROWS_4_BY_3_VECTORS : ROWS_6_BY_4_VECTORS;
        }

        /** As in {@code -Dlamina.gemm.tile}: {@code 4x3}, {@code 3x3}, {@code 6x2} or {@code 6x4}. */
        String label() {
            return label;
        }
    }

    private final String tileLabel;
    /** The tile's width (4, 3 or 2 vectors) on the path of {@link #computePanels}, or 0 for 4 x 3. */
    private final int panelCols;
    /** The tile's rows (6 or 3) on the path of {@link #computePanels}. */
    private final int panelRows;
    private final TransposedBKernel transposedB = new TransposedBKernel();
    private final FewRowsKernel fewRows = new FewRowsKernel();
    private final RankOneKernel rankOne = new RankOneKernel();
    private final ThreadLocal<float[]> aPacks4 = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private final ThreadLocal<float[]> bPacks4 = ThreadLocal.withInitial(() -> new float[(NC + NR - 1) / NR * NR * KC]);
    private final ThreadLocal<float[]> tiles4 = ThreadLocal.withInitial(() -> new float[MR * NR]);
    private final ThreadLocal<float[]> aPacks6 =
            ThreadLocal.withInitial(() -> new float[MC6 / MR6 * Math.max(MR6, A62) * KC]);
    private final ThreadLocal<float[]> bPacks6;
    private final ThreadLocal<float[]> tiles6;

    VectorKernel() {
        this(Tile.forThisMachine());
    }

    VectorKernel(Tile tile) {
        this.tileLabel = tile.label();
        this.panelCols = switch (tile) {
            case ROWS_6_BY_4_VECTORS -> NR6;
            case ROWS_6_BY_2_VECTORS -> NR62;
            case ROWS_3_BY_3_VECTORS -> NR3;
            case ROWS_4_BY_3_VECTORS -> 0;
        };
        this.panelRows = tile == Tile.ROWS_3_BY_3_VECTORS ? MR3 : MR6;
        int nr = Math.max(panelCols, 1);
        this.bPacks6 = ThreadLocal.withInitial(() -> new float[(NC + nr - 1) / nr * nr * KC]);
        this.tiles6 = ThreadLocal.withInitial(() -> new float[panelRows * nr]);
    }

    @Override
    public int rowGrain(Transpose ta) {
        return panelCols > 0 ? panelRows : MR;
    }

    /** A vector for the 4 x 3 tile, which ends a part with a 1- or 2-vector tile; a whole tile for the others. */
    @Override
    public int columnGrain(Transpose ta) {
        return panelCols > 0 ? panelCols : L;
    }

    /**
     * Through {@link Fold}, the code every k-block's fold takes: a depth split's parts (W3's
     * products) then run no loop the JIT has not compiled for the other products already.
     */
    @Override
    public void addSums(float[] sums, int m, int n, float[] c, int ldc, Epilogue epilogue) {
        for (int i = 0; i < m; i++) {
            Fold.run(sums, i * n, 1f, false, c, i * ldc, n, epilogue, 0);
        }
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize() + "-" + tileLabel;
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
        if (RankOneKernel.takes(tb, k0, k, ldb)) {
            rankOne.compute(ta, tb, k0, alpha, overwrite, a, lda, b, ldb, c, ldc, i0, i1, j0, j1, epilogue);
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
        if (panelCols > 0) {
            computePanels(ta, tb, k0, k, alpha, overwrite, a, lda, b, ldb, c, ldc, i0, i1, j0, j1, epilogue);
            return;
        }
        float[] ap = aPacks4.get();
        float[] bp = bPacks4.get();
        float[] tile = tiles4.get();
        for (int kb = k0; kb < k; kb += KC) {
            int kc = Math.min(KC, k - kb);
            Epilogue e = kb + kc == k ? epilogue : null;
            for (int jb = j0; jb < j1; jb += NC) {
                int nc = Math.min(NC, j1 - jb);
                int npanels = (nc + NR - 1) / NR;
                packB4(tb, b, ldb, kb, kc, jb, nc, bp);
                for (int ib = i0; ib < i1; ib += MC) {
                    int mc = Math.min(MC, i1 - ib);
                    int mpanels = (mc + MR - 1) / MR;
                    packA4(ta, a, lda, ib, mc, kb, kc, ap);
                    for (int s = 0; s < mpanels; s++) {
                        int rows = Math.min(MR, mc - s * MR);
                        for (int q = 0; q < npanels; q++) {
                            int cols = Math.min(NR, nc - q * NR);
                            int ao = s * kc * MR;
                            int bo = q * kc * NR;
                            int row0 = ib + s * MR;
                            int col0 = jb + q * NR;
                            boolean fresh = overwrite && kb == k0;
                            if (cols > 2 * L) {
                                micro4x3(ap, ao, bp, bo, kc, c, ldc, row0, col0, rows, cols, alpha, fresh, e, tile);
                            } else if (cols > L) {
                                micro4x2(ap, ao, bp, bo, kc, c, ldc, row0, col0, rows, cols, alpha, fresh, e, tile);
                            } else {
                                micro4x1(ap, ao, bp, bo, kc, c, ldc, row0, col0, rows, cols, alpha, fresh, e, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The path of the 6 x 4, 6 x 2 and 3 x 3 tiles, for a plain or a transposed A: A's blocks packed
     * into panels of the tile's rows ({@link #panelRows}), B's into panels of its width
     * ({@link #panelCols}). Reading a plain A in place instead was as fast on a Zen 4 core at two
     * FMAs a cycle (256-bit vectors), but its variable strides cost instructions in the loop.
     */
    private void computePanels(Transpose ta, Transpose tb, int k0, int k, float alpha, boolean overwrite, float[] a,
                               int lda, float[] b, int ldb, float[] c, int ldc, int i0, int i1, int j0, int j1,
                               Epilogue epilogue) {
        float[] ap = aPacks6.get();
        float[] bp = bPacks6.get();
        float[] tile = tiles6.get();
        int mr = panelRows;
        int nr = panelCols;
        int aStride = nr == NR6 ? MR6 : mr == MR3 ? MR3 : A62;
        for (int kb = k0; kb < k; kb += KC) {
            int kc = Math.min(KC, k - kb);
            Epilogue e = kb + kc == k ? epilogue : null;
            boolean fresh = overwrite && kb == k0;
            for (int jb = j0; jb < j1; jb += NC) {
                int nc = Math.min(NC, j1 - jb);
                int npanels = (nc + nr - 1) / nr;
                packBPanels(tb, b, ldb, kb, kc, jb, nc, nr, bp);
                for (int ib = i0; ib < i1; ib += MC6) {
                    int mc = Math.min(MC6, i1 - ib);
                    int mpanels = (mc + mr - 1) / mr;
                    packAPanels(ta, a, lda, ib, mc, kb, kc, mr, aStride, ap);
                    // A's micro-panel stays in L1 while a chunk of B's panels, which stays in L2,
                    // passes. (With the loops the other way round, B's panel in L1, 3 x 3 ran no
                    // faster on a Zen 3 core.)
                    int chunk = Math.max(1, B_CHUNK / (kc * nr));
                    for (int q0 = 0; q0 < npanels; q0 += chunk) {
                        int q1 = Math.min(npanels, q0 + chunk);
                        for (int s = 0; s < mpanels; s++) {
                            for (int q = q0; q < q1; q++) {
                                tile(ap, s, bp, q, kc, aStride, tile, mc, nc, alpha, fresh, c, ldc, ib, jb, e);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Tile (s, q) of the block at rows ib.., columns jb..: its micro-kernel over one k-block, then
     * the fold into C (by the 3 x 3 micro-kernel itself for a whole tile without an epilogue).
     */
    private void tile(float[] ap, int s, float[] bp, int q, int kc, int aStride, float[] tile, int mc, int nc,
                      float alpha, boolean fresh, float[] c, int ldc, int ib, int jb, Epilogue e) {
        int mr = panelRows;
        int nr = panelCols;
        int rows = Math.min(mr, mc - s * mr);
        int cols = Math.min(nr, nc - q * nr);
        int co = (ib + s * mr) * ldc + jb + q * nr;
        if (nr == NR6) {
            micro6x4(ap, s * kc * aStride, bp, q * kc * nr, kc, tile);
        } else if (mr == MR3) {
            boolean whole = e == null && rows == MR3 && cols == NR3;
            if (whole) {
                micro3x3(ap, s * kc * aStride, bp, q * kc * nr, kc, c, co, ldc, alpha, fresh ? FOLD_FRESH : FOLD);
                return;
            }
            micro3x3(ap, s * kc * aStride, bp, q * kc * nr, kc, tile, 0, NR3, alpha, SUMS);
        } else {
            micro6x2(ap, s * kc * aStride, bp, q * kc * nr, kc, tile);
        }
        Fold.tile(tile, nr, rows, cols, alpha, fresh, c, co, ldc, e, jb + q * nr);
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

    /**
     * B's block (k rows kb.., columns jb..) as micro-panels: element (p, j) of panel q at
     * q*kc*NR + p*w + j, w = NR except in a narrow last panel ({@link #panelWidth}).
     */
    private static void packB4(Transpose tb, float[] b, int ldb, int kb, int kc, int jb, int nc, float[] bp) {
        int npanels = (nc + NR - 1) / NR;
        int q = 0;
        if (tb == Transpose.NO) {
            q = nc / NR;
            packPlainBPanels(b, ldb, kb, kc, jb, q, NR, bp);
        }
        for (; q < npanels; q++) {
            int cols = Math.min(NR, nc - q * NR);
            packPanel(tb, b, ldb, kb, kc, jb + q * NR, cols, panelWidth(cols), bp, q * kc * NR);
        }
    }

    /**
     * The width of the micro-panel that holds {@code cols} columns of B: a last panel of at most two
     * vectors' width is packed as narrow as the tile that reads it (see {@link #micro4x2}).
     */
    private static int panelWidth(int cols) {
        return cols > 2 * L ? NR : cols > L ? 2 * L : L;
    }

    /**
     * A's block (rows ib.., k columns kb..) as micro-panels: element (i, p) of panel s at
     * s*kc*MR + p*MR + i. Each layout and the partial last panel have a method of their own: a
     * product that first reaches one of them then costs the JIT a small compilation, not a
     * recompilation of all of them (in a fresh JVM running W1, one method for all three was
     * compiled 16 times, 220 ms of compilation on a two-core machine, much of it in the timed
     * epochs; split, the packing of A took 104 ms in 14 compilations).
     */
    private static void packA4(Transpose ta, float[] a, int lda, int ib, int mc, int kb, int kc, float[] ap) {
        int whole = mc / MR;
        if (ta == Transpose.YES) {
            packTransposedPanels(a, lda, ib, whole, kb, kc, ap);
        } else {
            packPlainPanels(a, lda, ib, whole, kb, kc, ap);
        }
        int rows = mc - whole * MR;
        if (rows > 0) {
            packPartialPanel(ta, a, lda, ib + whole * MR, rows, kb, kc, MR, ap, whole * kc * MR);
        }
    }

    /**
     * A's block for {@link #computePanels}, as {@link #packA4} with panels of {@code mr} rows,
     * {@code stride} floats per p ({@link #A62} for 6 x 2, 6 for 6 x 4, 3 for 3 x 3): element (i, p)
     * of panel s at s*kc*stride + p*stride + i.
     */
    private static void packAPanels(Transpose ta, float[] a, int lda, int ib, int mc, int kb, int kc, int mr,
                                    int stride, float[] ap) {
        int whole = mc / mr;
        if (ta == Transpose.YES && mr == MR3) {
            packTransposedPanels3(a, lda, ib, whole, kb, kc, ap);
        } else {
            for (int s = 0; s < whole; s++) {
                if (ta == Transpose.YES) {
                    packTransposedPanel6(a, lda, ib + s * MR6, kb, kc, stride, ap, s * kc * stride);
                } else if (mr == MR3) {
                    packPlainPanel3(a, lda, ib + s * MR3, kb, kc, ap, s * kc * MR3);
                } else {
                    packPlainRows(a, lda, ib + s * mr, mr, kb, kc, stride, ap, s * kc * stride);
                }
            }
        }
        int rows = mc - whole * mr;
        if (rows > 0) {
            packPartialPanel(ta, a, lda, ib + whole * mr, rows, kb, kc, stride, ap, whole * kc * stride);
        }
    }

    /**
     * A whole three-row panel of a plain A (rows i0..i0+2): the three rows read side by side, the
     * panel written in order, a vector at a time ({@link Interleave3}: 0.4 ns a float against 1.0
     * element by element, a Zen 3 core packing 1,023 rows of 256).
     */
    private static void packPlainPanel3(float[] a, int lda, int i0, int kb, int kc, float[] ap, int dst) {
        int s0 = i0 * lda + kb;
        Interleave3.rows(a, s0, s0 + lda, s0 + 2 * lda, kc, ap, dst);
    }

    /**
     * The first {@code panels} whole three-row panels of a transposed A (rows ib..): three floats
     * per p and panel, A's rows read in order, as {@link #packPlainBPanels} reads B's.
     */
    private static void packTransposedPanels3(float[] a, int lda, int ib, int panels, int kb, int kc, float[] ap) {
        int panelSize = kc * MR3;
        for (int p = 0; p < kc; p++) {
            int src = (kb + p) * lda + ib;
            int d = p * MR3;
            for (int s = 0; s < panels; s++) {
                ap[d] = a[src];
                ap[d + 1] = a[src + 1];
                ap[d + 2] = a[src + 2];
                src += MR3;
                d += panelSize;
            }
        }
    }

    /**
     * A whole six-row panel of a transposed A (rows i0..i0+5): six floats per p, {@code stride}
     * apart (the floats between, with a stride of 8, are never read).
     */
    private static void packTransposedPanel6(float[] a, int lda, int i0, int kb, int kc, int stride, float[] ap,
                                             int dst) {
        for (int p = 0; p < kc; p++) {
            int src = (kb + p) * lda + i0;
            int d = dst + p * stride;
            ap[d] = a[src];
            ap[d + 1] = a[src + 1];
            ap[d + 2] = a[src + 2];
            ap[d + 3] = a[src + 3];
            ap[d + 4] = a[src + 4];
            ap[d + 5] = a[src + 5];
        }
    }

    /**
     * Whole panels of a transposed A: four floats per p and panel, A's rows read in order (as
     * {@link #packPlainBPanels} reads B's), element by element, since a call to System.arraycopy
     * per p cost more than the copy (a quarter of a batch-32 step's time went here).
     */
    private static void packTransposedPanels(float[] a, int lda, int ib, int panels, int kb, int kc, float[] ap) {
        int panelSize = kc * MR;
        for (int p = 0; p < kc; p++) {
            int src = (kb + p) * lda + ib;
            int d = p * MR;
            for (int s = 0; s < panels; s++) {
                ap[d] = a[src];
                ap[d + 1] = a[src + 1];
                ap[d + 2] = a[src + 2];
                ap[d + 3] = a[src + 3];
                src += MR;
                d += panelSize;
            }
        }
    }

    /**
     * Whole panels of a plain A, row by row (packPlainRows with MR written in: the default tile's
     * packing keeps its constant sizes; through shared code with sizes as values, 4 x 3 had run up
     * to 20 % slower).
     */
    private static void packPlainPanels(float[] a, int lda, int ib, int panels, int kb, int kc, float[] ap) {
        for (int s = 0; s < panels; s++) {
            int dst = s * kc * MR;
            for (int i = 0; i < MR; i++) {
                int src = (ib + s * MR + i) * lda + kb;
                for (int p = 0; p < kc; p++) {
                    ap[dst + p * MR + i] = a[src + p];
                }
            }
        }
    }

    /**
     * The last panel's {@code rows} (fewer than {@code mr}) rows from row i0, zero rows after them,
     * at {@code ap[dst..]}.
     */
    private static void packPartialPanel(Transpose ta, float[] a, int lda, int i0, int rows, int kb, int kc, int mr,
                                         float[] ap, int dst) {
        if (ta == Transpose.NO) {
            packPlainRows(a, lda, i0, rows, kb, kc, mr, ap, dst);
            return;
        }
        // The zero rows first, then the copies, each loop without a branch inside: with the
        // choice inside the loop, C2 compiled this method four times in W1's timed epochs as
        // panels of one, two and three rows reached it.
        java.util.Arrays.fill(ap, dst, dst + kc * mr, 0f);
        for (int p = 0; p < kc; p++) {
            System.arraycopy(a, (kb + p) * lda + i0, ap, dst + p * mr, rows);
        }
    }

    /**
     * B's block (k rows kb.., columns jb..) as micro-panels {@code nr} wide (4, 3 or 2 vectors):
     * element (p, j) of panel q at q*kc*nr + p*nr + j.
     */
    private static void packBPanels(Transpose tb, float[] b, int ldb, int kb, int kc, int jb, int nc, int nr,
                                    float[] bp) {
        int npanels = (nc + nr - 1) / nr;
        int q = 0;
        if (tb == Transpose.NO) {
            q = nc / nr;
            packPlainBPanels(b, ldb, kb, kc, jb, q, nr, bp);
        }
        for (; q < npanels; q++) {
            packPanel(tb, b, ldb, kb, kc, jb + q * nr, Math.min(nr, nc - q * nr), nr, bp, q * kc * nr);
        }
    }

    /**
     * The first {@code panels} whole micro-panels ({@code nr} wide) of a plain B's block, row by
     * row: each row of B is read once, in order, and its pieces go to the panels. Panel by panel,
     * the reads went down columns {@code ldb} floats apart, a stride that L1 cannot hold and the
     * prefetchers did not follow: packing B took 12 % of a 256 x 1024 x 1024 product on a Zen 3
     * core, 6 % row by row. Vector by vector, since a call to System.arraycopy per piece cost more
     * than the copy.
     */
    private static void packPlainBPanels(float[] b, int ldb, int kb, int kc, int jb, int panels, int nr, float[] bp) {
        int panelSize = kc * nr;
        for (int p = 0; p < kc; p++) {
            int src = (kb + p) * ldb + jb;
            int d = p * nr;
            for (int q = 0; q < panels; q++) {
                for (int v = 0; v < nr; v += L) {
                    FloatVector.fromArray(S, b, src + v).intoArray(bp, d + v);
                }
                src += nr;
                d += panelSize;
            }
        }
    }

    /**
     * A panel of B that is not a whole plain one (a partial last panel, or a transposed B): its
     * {@code cols} columns from column {@code col}, k rows kb.., at {@code bp[dst + p * nr + j]},
     * zeros past the last column.
     */
    private static void packPanel(Transpose tb, float[] b, int ldb, int kb, int kc, int col, int cols, int nr, float[] bp,
                                  int dst) {
        if (tb == Transpose.NO) {
            for (int p = 0; p < kc; p++) {
                int d = dst + p * nr;
                System.arraycopy(b, (kb + p) * ldb + col, bp, d, cols);
                java.util.Arrays.fill(bp, d + cols, d + nr, 0f);
            }
            return;
        }
        for (int j = 0; j < nr; j++) {
            if (j < cols) {
                int src = (col + j) * ldb + kb;
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

    /**
     * Rows [i0, i0 + rows) of a plain A, k columns kb.., as one panel of {@code mr} rows at
     * {@code ap[dst + p * mr + i]}, zero rows past the last.
     */
    private static void packPlainRows(float[] a, int lda, int i0, int rows, int kb, int kc, int mr, float[] ap, int dst) {
        for (int i = 0; i < mr; i++) {
            if (i < rows) {
                int src = (i0 + i) * lda + kb;
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


    /** The 4 x NR tile at C[row0.., col0..]: acc over the k-block, then fma(acc, alpha, C or +0 if fresh). */
    private static void micro4x3(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int ldc, int row0, int col0,
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
        fold4(tile, c, ldc, row0, col0, rows, cols, alpha, fresh, epilogue);
    }

    /**
     * The 4 x 2-vector tile for a last panel of at most two vectors' width (packed that narrow), so
     * that a part of C ending between two 3-vector tiles computes no padding: each element's sum
     * has the same terms in the same order as in {@link #micro4x3}.
     */
    private static void micro4x2(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int ldc, int row0, int col0,
                                 int rows, int cols, float alpha, boolean fresh, Epilogue epilogue, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR62;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            int x = ao + p * MR;
            FloatVector v = FloatVector.broadcast(S, ap[x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, ap[x + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, ap[x + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, ap[x + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        fold4(tile, c, ldc, row0, col0, rows, cols, alpha, fresh, epilogue);
    }

    /** The 4 x 1-vector tile for a last panel of at most one vector's width; see {@link #micro4x2}. */
    private static void micro4x1(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int ldc, int row0, int col0,
                                 int rows, int cols, float alpha, boolean fresh, Epilogue epilogue, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + p * L);
            int x = ao + p * MR;
            c0 = FloatVector.broadcast(S, ap[x]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, ap[x + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, ap[x + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, ap[x + 3]).fma(b0, c3);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        fold4(tile, c, ldc, row0, col0, rows, cols, alpha, fresh, epilogue);
    }

    /**
     * {@code C = fma(tile, alpha, C)} on the valid part of the tile at C[row0.., col0..], with +0 for C if
     * fresh, then the epilogue if not null.
     */
    private static void fold4(float[] tile, float[] c, int ldc, int row0, int col0, int rows, int cols, float alpha,
                              boolean fresh, Epilogue epilogue) {
        for (int i = 0; i < rows; i++) {
            Fold.run(tile, i * NR, alpha, fresh, c, (row0 + i) * ldc + col0, cols, epilogue, col0);
        }
    }

    /**
     * A 6 x 2-vector tile's sums over a k-block, from zero, into {@code tile} (row i at i * 2L), from
     * the packed panel at {@code ap[ao..]} (row i's element p at {@code ao + p * 8 + i}; see
     * {@link #A62}).
     */
    private static void micro6x2(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
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
            int b = bo + p * NR62;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            int x = ao + p * A62;
            FloatVector v = FloatVector.broadcast(S, ap[x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(S, ap[x + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(S, ap[x + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(S, ap[x + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(S, ap[x + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(S, ap[x + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L);
        c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L);
        c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L);
        c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L);
        c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L);
        c51.intoArray(tile, 11 * L);
    }

    /**
     * A 3 x 3-vector tile's sums over a k-block, from zero, from the packed panel at {@code ap[ao..]}
     * (row i's element p at {@code ao + p * 3 + i}), to {@code out[co..]}, rows {@code ldc} apart:
     * as they are ({@link #SUMS}, into a scratch tile) or folded into C as {@link Fold#tile} folds a
     * whole tile without an epilogue ({@link #FOLD}, {@link #FOLD_FRESH}). Through the scratch tile,
     * the fold had taken 7-13 % of a product on a Zen 3 core; from the registers, about 2 %.
     * The loop counts A's index {@code x} in steps of 3, and B's index is {@code x * L} plus a
     * constant, so that every index is the counter times a power of two plus a constant: with
     * {@code p * 3} and {@code p * 3L}, C2 turns each into a shift and an add, which its range-check
     * elimination does not recognize, and the checks stay in the loop; with a counter from zero
     * and A's offset added to it, the offset took a register, and with the fold's arguments C2
     * kept {@code ap} on the stack, loaded in every step (24 instructions per 9 FMAs, 22 now).
     * Unrolled by hand to two steps, C2 loaded all six broadcasts first and spilled three sums.
     */
    private static void micro3x3(float[] ap, int ao, float[] bp, int bo, int kc, float[] out, int co, int ldc,
                                 float alpha, int store) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        int d = bo - ao * L;
        for (int x = ao; x < ao + kc * MR3; x += MR3) {
            int b = d + x * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
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
        }
        int r1 = co + ldc;
        int r2 = r1 + ldc;
        if (store == SUMS) {
            c00.intoArray(out, co);
            c01.intoArray(out, co + L);
            c02.intoArray(out, co + 2 * L);
            c10.intoArray(out, r1);
            c11.intoArray(out, r1 + L);
            c12.intoArray(out, r1 + 2 * L);
            c20.intoArray(out, r2);
            c21.intoArray(out, r2 + L);
            c22.intoArray(out, r2 + 2 * L);
            return;
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        if (store == FOLD_FRESH) {
            FloatVector z = FloatVector.zero(S);
            c00.fma(al, z).intoArray(out, co);
            c01.fma(al, z).intoArray(out, co + L);
            c02.fma(al, z).intoArray(out, co + 2 * L);
            c10.fma(al, z).intoArray(out, r1);
            c11.fma(al, z).intoArray(out, r1 + L);
            c12.fma(al, z).intoArray(out, r1 + 2 * L);
            c20.fma(al, z).intoArray(out, r2);
            c21.fma(al, z).intoArray(out, r2 + L);
            c22.fma(al, z).intoArray(out, r2 + 2 * L);
            return;
        }
        c00.fma(al, FloatVector.fromArray(S, out, co)).intoArray(out, co);
        c01.fma(al, FloatVector.fromArray(S, out, co + L)).intoArray(out, co + L);
        c02.fma(al, FloatVector.fromArray(S, out, co + 2 * L)).intoArray(out, co + 2 * L);
        c10.fma(al, FloatVector.fromArray(S, out, r1)).intoArray(out, r1);
        c11.fma(al, FloatVector.fromArray(S, out, r1 + L)).intoArray(out, r1 + L);
        c12.fma(al, FloatVector.fromArray(S, out, r1 + 2 * L)).intoArray(out, r1 + 2 * L);
        c20.fma(al, FloatVector.fromArray(S, out, r2)).intoArray(out, r2);
        c21.fma(al, FloatVector.fromArray(S, out, r2 + L)).intoArray(out, r2 + L);
        c22.fma(al, FloatVector.fromArray(S, out, r2 + 2 * L)).intoArray(out, r2 + 2 * L);
    }

    /**
     * A 6 x 4-vector tile's sums over a k-block, from zero, into {@code tile} (row i at i * 4L), from
     * the packed panel at {@code ap[ao..]} (row i's element p at {@code ao + p * 6 + i}). The strides
     * are constants: with them as arguments (a plain A read in place, rows lda apart) C2 kept a
     * multiplication and a range check per broadcast in the loop, 60 instructions per 24 FMAs.
     */
    private static void micro6x4(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
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
            int b = bo + p * NR6;
            FloatVector b0 = FloatVector.fromArray(S, bp, b + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * L);
            int x = ao + p * MR6;
            FloatVector v = FloatVector.broadcast(S, ap[x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            c02 = v.fma(b2, c02);
            c03 = v.fma(b3, c03);
            v = FloatVector.broadcast(S, ap[x + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            c12 = v.fma(b2, c12);
            c13 = v.fma(b3, c13);
            v = FloatVector.broadcast(S, ap[x + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            c22 = v.fma(b2, c22);
            c23 = v.fma(b3, c23);
            v = FloatVector.broadcast(S, ap[x + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            c32 = v.fma(b2, c32);
            c33 = v.fma(b3, c33);
            v = FloatVector.broadcast(S, ap[x + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            c42 = v.fma(b2, c42);
            c43 = v.fma(b3, c43);
            v = FloatVector.broadcast(S, ap[x + 5]);
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
