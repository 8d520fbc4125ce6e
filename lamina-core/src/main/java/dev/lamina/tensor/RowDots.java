package dev.lamina.tensor;

/**
 * A product with one output column and a plain A, {@code c = A b} (a Dense layer of one unit):
 * each row's dot product with b, eight rows at a time as eight independent chains of scalar
 * fused multiply-adds, reading A's rows in place. Each element accumulates from zero over a
 * k-block of {@link GemmKernel#KC} in ascending p and folds in as {@code fma(acc, alpha, C)}: the
 * same bits as every other kernel. The panel kernels would pack (transpose) all of A to fill one
 * column of each tile, which cost a Dense(1) layer after 1024 units more than its product.
 */
final class RowDots {
    private static final int ROWS = 8;

    private RowDots() {}

    /**
     * Accumulates {@code alpha A b} over the depths [k0, k) into {@code c[i0..i1)} (C's row stride
     * 1), or writes it if {@code overwrite}; {@code b[p]} is element p of the column.
     */
    static void compute(int k0, int k, float alpha, boolean overwrite, float[] a, int lda, float[] b, float[] c,
                        int i0, int i1) {
        for (int kb = k0; kb < k; kb += GemmKernel.KC) {
            int end = Math.min(k, kb + GemmKernel.KC);
            boolean fresh = overwrite && kb == k0;
            int i = i0;
            for (; i + ROWS <= i1; i += ROWS) {
                eight(kb, end, alpha, fresh, a, lda, b, c, i);
            }
            for (; i < i1; i++) {
                int r = i * lda;
                float acc = 0f;
                for (int p = kb; p < end; p++) {
                    acc = Math.fma(a[r + p], b[p], acc);
                }
                c[i] = Math.fma(acc, alpha, fresh ? 0f : c[i]);
            }
        }
    }

    private static void eight(int kb, int end, float alpha, boolean fresh, float[] a, int lda, float[] b, float[] c,
                              int i) {
        int r0 = i * lda;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int r6 = r5 + lda;
        int r7 = r6 + lda;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int p = kb; p < end; p++) {
            float x = b[p];
            s0 = Math.fma(a[r0 + p], x, s0);
            s1 = Math.fma(a[r1 + p], x, s1);
            s2 = Math.fma(a[r2 + p], x, s2);
            s3 = Math.fma(a[r3 + p], x, s3);
            s4 = Math.fma(a[r4 + p], x, s4);
            s5 = Math.fma(a[r5 + p], x, s5);
            s6 = Math.fma(a[r6 + p], x, s6);
            s7 = Math.fma(a[r7 + p], x, s7);
        }
        c[i] = Math.fma(s0, alpha, fresh ? 0f : c[i]);
        c[i + 1] = Math.fma(s1, alpha, fresh ? 0f : c[i + 1]);
        c[i + 2] = Math.fma(s2, alpha, fresh ? 0f : c[i + 2]);
        c[i + 3] = Math.fma(s3, alpha, fresh ? 0f : c[i + 3]);
        c[i + 4] = Math.fma(s4, alpha, fresh ? 0f : c[i + 4]);
        c[i + 5] = Math.fma(s5, alpha, fresh ? 0f : c[i + 5]);
        c[i + 6] = Math.fma(s6, alpha, fresh ? 0f : c[i + 6]);
        c[i + 7] = Math.fma(s7, alpha, fresh ? 0f : c[i + 7]);
    }
}
