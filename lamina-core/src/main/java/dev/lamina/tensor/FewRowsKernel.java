package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel for a few rows against a plain row-major B (a prediction of one row), with
 * nothing packed: packing a large B for one row would cost more than the product. B is read row by
 * row, four rows of a k-block at a time, each in one sweep over the columns, so that memory is read
 * in order (a column tile walked down B touches a new page per row); the sums build up in a scratch
 * row per output row, in the same order and rounding as every other kernel's.
 */
final class FewRowsKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The most rows of C this kernel takes. */
    static final int MAX_ROWS = 4;
    /** Columns of C per block, whose sums stay in the scratch rows. */
    private static final int NC = 1024;

    private final ThreadLocal<float[]> rowSums = ThreadLocal.withInitial(() -> new float[MAX_ROWS * NC]);

    /**
     * Accumulates {@code alpha op(A) B} over the depths [k0, k) into rows [i0, i1) (at most
     * {@link #MAX_ROWS}) and columns [j0, j1) of C, then {@code epilogue} if not null.
     */
    void compute(Transpose ta, int k0, int k, float alpha, boolean overwrite, float[] a, int lda, float[] b, int ldb,
                 float[] c, int ldc, int i0, int i1, int j0, int j1, Epilogue epilogue) {
        int ars = ta == Transpose.NO ? lda : 1;
        int acs = ta == Transpose.NO ? 1 : lda;
        float[] acc = rowSums.get();
        int rows = i1 - i0;
        for (int jb = j0; jb < j1; jb += NC) {
            int nc = Math.min(NC, j1 - jb);
            for (int kb = k0; kb < k; kb += GemmKernel.KC) {
                int kc = Math.min(GemmKernel.KC, k - kb);
                java.util.Arrays.fill(acc, 0, rows * NC, 0f);
                int p = 0;
                for (; p + 4 <= kc; p += 4) {
                    int r = (kb + p) * ldb + jb;
                    for (int i = 0; i < rows; i++) {
                        int ai = (i0 + i) * ars + (kb + p) * acs;
                        addFourRows(a[ai], a[ai + acs], a[ai + 2 * acs], a[ai + 3 * acs], b, r, ldb, acc, i * NC, nc);
                    }
                }
                for (; p < kc; p++) {
                    int r = (kb + p) * ldb + jb;
                    for (int i = 0; i < rows; i++) {
                        addRow(a[(i0 + i) * ars + (kb + p) * acs], b, r, acc, i * NC, nc);
                    }
                }
                Epilogue e = kb + kc == k ? epilogue : null;
                for (int i = 0; i < rows; i++) {
                    Fold.run(acc, i * NC, alpha, overwrite && kb == k0, c, (i0 + i) * ldc + jb, nc, e, jb);
                }
            }
        }
    }

    /** {@code acc[o + j] = fma(a3, b3j, fma(a2, b2j, fma(a1, b1j, fma(a0, b0j, acc[o + j]))))} for B rows at r, r + ldb, ... */
    private static void addFourRows(float a0, float a1, float a2, float a3, float[] b, int r, int ldb, float[] acc,
                                    int o, int nc) {
        FloatVector v0 = FloatVector.broadcast(S, a0);
        FloatVector v1 = FloatVector.broadcast(S, a1);
        FloatVector v2 = FloatVector.broadcast(S, a2);
        FloatVector v3 = FloatVector.broadcast(S, a3);
        int r1 = r + ldb;
        int r2 = r1 + ldb;
        int r3 = r2 + ldb;
        int j = 0;
        for (; j + L <= nc; j += L) {
            FloatVector x = FloatVector.fromArray(S, acc, o + j);
            x = v0.fma(FloatVector.fromArray(S, b, r + j), x);
            x = v1.fma(FloatVector.fromArray(S, b, r1 + j), x);
            x = v2.fma(FloatVector.fromArray(S, b, r2 + j), x);
            x = v3.fma(FloatVector.fromArray(S, b, r3 + j), x);
            x.intoArray(acc, o + j);
        }
        for (; j < nc; j++) {
            float x = Math.fma(a0, b[r + j], acc[o + j]);
            x = Math.fma(a1, b[r1 + j], x);
            x = Math.fma(a2, b[r2 + j], x);
            acc[o + j] = Math.fma(a3, b[r3 + j], x);
        }
    }

    /** {@code acc[o + j] = fma(a0, b[r + j], acc[o + j])} for j below nc. */
    private static void addRow(float a0, float[] b, int r, float[] acc, int o, int nc) {
        FloatVector v0 = FloatVector.broadcast(S, a0);
        int j = 0;
        for (; j + L <= nc; j += L) {
            v0.fma(FloatVector.fromArray(S, b, r + j), FloatVector.fromArray(S, acc, o + j)).intoArray(acc, o + j);
        }
        for (; j < nc; j++) {
            acc[o + j] = Math.fma(a0, b[r + j], acc[o + j]);
        }
    }
}
