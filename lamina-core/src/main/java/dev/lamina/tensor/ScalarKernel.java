package dev.lamina.tensor;

/**
 * The plain-Java {@link GemmKernel}: per row, an accumulator row is built with {@link Math#fma}
 * over p, then folded into C. Used when the Vector API is not available.
 */
final class ScalarKernel implements GemmKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void block(float[] a, int aBase, int ars, int acs, float[] b, int bBase, int bStride, float[] c, int ldc,
                      int i0, int i1, int jb, int nc, int kc, float alpha) {
        float[] acc = scratch.get();
        if (acc.length < nc) {
            acc = new float[nc];
            scratch.set(acc);
        }
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(acc, 0, nc, 0f);
            int ai = aBase + i * ars;
            for (int p = 0; p < kc; p++) {
                float x = a[ai + p * acs];
                int bo = bBase + p * bStride;
                for (int j = 0; j < nc; j++) {
                    acc[j] = Math.fma(x, b[bo + j], acc[j]);
                }
            }
            int co = i * ldc + jb;
            for (int j = 0; j < nc; j++) {
                c[co + j] = Math.fma(acc[j], alpha, c[co + j]);
            }
        }
    }
}
