package dev.lamina.tensor;

/**
 * The plain-Java {@link GemmKernel}: per k-block and column block, an accumulator row is built with
 * {@link Math#fma} over p, then folded into C. Used when the Vector API is not available; JDK 17's
 * C2 does not vectorize these loops, so it runs at scalar speed.
 */
final class ScalarKernel implements GemmKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();
    private static final int NC = 512;
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[NC]);
    private final ThreadLocal<float[]> packs = ThreadLocal.withInitial(() -> new float[KC * NC]);

    @Override
    public int rowGrain(Transpose ta) {
        return 4;
    }

    @Override
    public int columnGrain(Transpose ta) {
        return 48;
    }

    @Override
    public void addSums(float[] sums, int m, int n, float[] c, int ldc, Epilogue epilogue) {
        for (int i = 0; i < m; i++) {
            int co = i * ldc;
            int so = i * n;
            for (int j = 0; j < n; j++) {
                float v = Math.fma(sums[so + j], 1f, c[co + j]);
                c[co + j] = epilogue == null ? v : epilogue.apply(v, j);
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void compute(Transpose ta, Transpose tb, int k0, int k, float alpha, boolean overwrite, float[] a, int lda,
                        float[] b, int ldb, float[] c, int ldc, int i0, int i1, int j0, int j1, Epilogue epilogue) {
        int ars = ta == Transpose.NO ? lda : 1;
        int acs = ta == Transpose.NO ? 1 : lda;
        float[] pack = packs.get();
        float[] acc = scratch.get();
        for (int kb = k0; kb < k; kb += KC) {
            int kc = Math.min(KC, k - kb);
            for (int jb = j0; jb < j1; jb += NC) {
                int nc = Math.min(NC, j1 - jb);
                float[] bs = b;
                int base = kb * ldb + jb;
                int stride = ldb;
                if (tb == Transpose.YES) {
                    for (int j = 0; j < nc; j++) {
                        int src = (jb + j) * ldb + kb;
                        for (int p = 0; p < kc; p++) {
                            pack[p * nc + j] = b[src + p];
                        }
                    }
                    bs = pack;
                    base = 0;
                    stride = nc;
                }
                for (int i = i0; i < i1; i++) {
                    java.util.Arrays.fill(acc, 0, nc, 0f);
                    int ai = kb * acs + i * ars;
                    for (int p = 0; p < kc; p++) {
                        float x = a[ai + p * acs];
                        int bo = base + p * stride;
                        for (int j = 0; j < nc; j++) {
                            acc[j] = Math.fma(x, bs[bo + j], acc[j]);
                        }
                    }
                    int co = i * ldc + jb;
                    boolean fresh = overwrite && kb == k0;
                    Epilogue e = kb + kc == k ? epilogue : null;
                    for (int j = 0; j < nc; j++) {
                        float v = Math.fma(acc[j], alpha, fresh ? 0f : c[co + j]);
                        c[co + j] = e == null ? v : e.apply(v, jb + j);
                    }
                }
            }
        }
    }
}
