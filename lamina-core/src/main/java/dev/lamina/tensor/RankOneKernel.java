package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel for a product of depth one whose row of B is contiguous: an outer product,
 * such as the input gradient of a {@code Dense(1)} layer ({@code dY (m x 1)} times the transposed
 * weights). Each output is {@code fma(fma(a_i, b_j, +0), alpha, C or +0)}, then the epilogue: the
 * packed kernel's arithmetic for a single term, so the bits are the same, without packing either
 * operand or calling a micro-kernel per tile for one multiply-add (a 256 x 1024 outer product took
 * 60 to 90 µs through the packed path, mostly its per-tile set-up).
 */
final class RankOneKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns per block, whose sums stay in the scratch row. */
    private static final int NC = 1024;

    private final ThreadLocal<float[]> rowSums = ThreadLocal.withInitial(() -> new float[NC]);

    /** Whether this kernel takes the product: one term, with B's row for it contiguous. */
    static boolean takes(Transpose tb, int k0, int k, int ldb) {
        return k - k0 == 1 && (tb == Transpose.NO || ldb == 1);
    }

    /**
     * Rows [i0, i1) and columns [j0, j1) of {@code C = fma(op(A)(:, k0) op(B)(k0, :), alpha, C)}, or
     * with +0 for C if {@code overwrite}, then {@code epilogue} if not null. Requires {@link #takes}.
     */
    void compute(Transpose ta, Transpose tb, int k0, float alpha, boolean overwrite, float[] a, int lda, float[] b,
                 int ldb, float[] c, int ldc, int i0, int i1, int j0, int j1, Epilogue epilogue) {
        int aRowStride = ta == Transpose.NO ? lda : 1;
        int aOffset = ta == Transpose.NO ? k0 : k0 * lda;
        int bOffset = tb == Transpose.NO ? k0 * ldb : k0;
        float[] acc = rowSums.get();
        FloatVector zero = FloatVector.zero(S);
        for (int jb = j0; jb < j1; jb += NC) {
            int nc = Math.min(NC, j1 - jb);
            int vectors = S.loopBound(nc);
            for (int i = i0; i < i1; i++) {
                float ai = a[aOffset + i * aRowStride];
                FloatVector va = FloatVector.broadcast(S, ai);
                int src = bOffset + jb;
                int j = 0;
                for (; j < vectors; j += L) {
                    va.fma(FloatVector.fromArray(S, b, src + j), zero).intoArray(acc, j);
                }
                for (; j < nc; j++) {
                    acc[j] = Math.fma(ai, b[src + j], 0f);
                }
                Fold.run(acc, 0, alpha, overwrite, c, i * ldc + jb, nc, epilogue, jb);
            }
        }
    }
}
