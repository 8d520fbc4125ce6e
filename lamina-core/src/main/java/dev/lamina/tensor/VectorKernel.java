package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GemmKernel} on the Vector API ({@code jdk.incubator.vector}): register tiles of 4
 * rows by 2 vectors (8 accumulators), fused multiply-adds over p, then {@code fma(alpha, acc, C)}.
 * Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}; see
 * {@link JavaBackend}.
 */
final class VectorKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void block(float[] a, int aBase, int ars, int acs, float[] b, int bBase, int bStride, float[] c, int ldc,
                      int i0, int i1, int jb, int nc, int kc, float alpha) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int j = 0;
            for (; j + 2 * L <= nc; j += 2 * L) {
                tile4x2(a, aBase + i * ars, ars, acs, b, bBase + j, bStride, c, i * ldc + jb + j, ldc, kc, alpha);
            }
            for (; j + L <= nc; j += L) {
                for (int r = 0; r < 4; r++) {
                    tile1x1(a, aBase + (i + r) * ars, acs, b, bBase + j, bStride, c, (i + r) * ldc + jb + j, kc, alpha);
                }
            }
            for (int r = 0; r < 4; r++) {
                scalar(a, aBase + (i + r) * ars, acs, b, bBase, bStride, c, (i + r) * ldc + jb, j, nc, kc, alpha);
            }
        }
        for (; i < i1; i++) {
            int j = 0;
            for (; j + L <= nc; j += L) {
                tile1x1(a, aBase + i * ars, acs, b, bBase + j, bStride, c, i * ldc + jb + j, kc, alpha);
            }
            scalar(a, aBase + i * ars, acs, b, bBase, bStride, c, i * ldc + jb, j, nc, kc, alpha);
        }
    }

    private static void tile4x2(float[] a, int ai, int ars, int acs, float[] b, int bo, int bStride, float[] c, int co,
                                int ldc, int kc, float alpha) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            int ap = ai + p * acs;
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + ars]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2 * ars]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3 * ars]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        store(c00, c01, al, c, co);
        store(c10, c11, al, c, co + ldc);
        store(c20, c21, al, c, co + 2 * ldc);
        store(c30, c31, al, c, co + 3 * ldc);
    }

    private static void store(FloatVector v0, FloatVector v1, FloatVector alpha, float[] c, int co) {
        v0.fma(alpha, FloatVector.fromArray(S, c, co)).intoArray(c, co);
        v1.fma(alpha, FloatVector.fromArray(S, c, co + L)).intoArray(c, co + L);
    }

    private static void tile1x1(float[] a, int ai, int acs, float[] b, int bo, int bStride, float[] c, int co, int kc,
                                float alpha) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            acc = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, b, bo + p * bStride), acc);
        }
        acc.fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, c, co)).intoArray(c, co);
    }

    private static void scalar(float[] a, int ai, int acs, float[] b, int bBase, int bStride, float[] c, int co,
                               int j0, int nc, int kc, float alpha) {
        for (int j = j0; j < nc; j++) {
            float acc = 0f;
            for (int p = 0; p < kc; p++) {
                acc = Math.fma(a[ai + p * acs], b[bBase + p * bStride + j], acc);
            }
            c[co + j] = Math.fma(acc, alpha, c[co + j]);
        }
    }
}
