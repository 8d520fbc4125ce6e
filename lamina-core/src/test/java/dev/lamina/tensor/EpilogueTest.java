package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A product's epilogue, applied as C is stored, has the bits of the product followed by separate passes. */
class EpilogueTest {
    /**
     * The separate passes a Dense layer and a BatchNormalization run at inference: bias, then
     * {@code Math.max(v, 0)}, then {@code v * scale + shift}, each its own rounding.
     */
    private static float[] separately(float[] c, int m, int n, float[] bias, boolean relu, float[] scale, float[] shift) {
        float[] y = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = y[i * n + j];
                if (bias != null) {
                    v = v + bias[j];
                }
                if (relu) {
                    v = Math.max(v, 0f);
                }
                if (scale != null) {
                    float s = v * scale[j];
                    v = s + shift[j];
                }
                y[i * n + j] = v;
            }
        }
        return y;
    }

    /**
     * Every kernel's path (packed, few rows, one column, transposed B, split by rows, columns or
     * depth: 33 x 300 x 450 and 32 x 512 x 512 on two threads, 40 x 700 x 700 on three), 1 to 3 threads.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1", "1,1030,259", "3,40,300", "4,17,6", "5,1,2", "300,1,700", "17,15,257", "130,1030,300",
            "33,65,513", "64,300,1200", "200,96,40", "513,1024,11", "33,300,450", "32,512,512", "40,700,700"})
    void fusedEqualsProductThenPasses(int m, int n, int k) {
        float[] a = JavaBackendTest.random(m * k, 31);
        float[] b = JavaBackendTest.random(k * n, 32);
        float[] bias = JavaBackendTest.random(n, 33);
        float[] scale = JavaBackendTest.random(n, 34);
        float[] shift = JavaBackendTest.random(n, 35);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = ta == Transpose.NO ? k : m;
                int ldb = tb == Transpose.NO ? n : k;
                float[] plain = new float[m * n];
                new JavaBackend(new WorkerPool(1)).gemm(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, plain, n);
                for (int variant = 0; variant < 4; variant++) {
                    float[] bi = variant == 1 ? null : bias;
                    boolean relu = variant != 2;
                    float[] sc = variant == 3 ? null : scale;
                    float[] sh = variant == 3 ? null : shift;
                    float[] expected = separately(plain, m, n, bi, relu, sc, sh);
                    for (int threads = 1; threads <= 3; threads++) {
                        float[] c = new float[m * n];
                        java.util.Arrays.fill(c, Float.NaN);
                        new JavaBackend(new WorkerPool(threads)).gemm(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n,
                                new Epilogue(bi, relu, sc, sh));
                        assertArrayEquals(expected, c, ta + "" + tb + " " + m + "x" + n + "x" + k + " variant "
                                + variant + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    /** The plain-Java kernel applies it in its own fold, with the same bits as the vector kernel. */
    @ParameterizedTest
    @CsvSource({"1,1030,259", "17,15,257", "130,1030,300", "7,48,600"})
    void kernelsAgree(int m, int n, int k) {
        float[] a = JavaBackendTest.random(m * k, 41);
        float[] b = JavaBackendTest.random(k * n, 42);
        Epilogue e = new Epilogue(JavaBackendTest.random(n, 43), true, JavaBackendTest.random(n, 44),
                JavaBackendTest.random(n, 45));
        float[] scalar = new float[m * n];
        ScalarKernel.INSTANCE.compute(Transpose.NO, Transpose.NO, 0, k, 1f, true, a, k, b, n, scalar, n, 0, m, 0, n, e);
        for (VectorKernel.Tile tile : VectorKernel.Tile.values()) {
            float[] vector = new float[m * n];
            new VectorKernel(tile).compute(Transpose.NO, Transpose.NO, 0, k, 1f, true, a, k, b, n, vector, n, 0, m, 0, n, e);
            assertArrayEquals(scalar, vector, tile.name());
        }
    }

    /** A backend that only multiplies (as the OpenBLAS one) gets the epilogue as a pass, with the same bits. */
    @Test
    void aBackendWithoutEpiloguesRunsItAsAPass() {
        Backend plain = new Backend() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public void gemm(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda, float[] b,
                             int ldb, float beta, float[] c, int ldc) {
                JavaBackend.INSTANCE.gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            }
        };
        int m = 300;
        int n = 200;
        int k = 70;
        float[] a = JavaBackendTest.random(m * k, 51);
        float[] b = JavaBackendTest.random(k * n, 52);
        Epilogue e = new Epilogue(JavaBackendTest.random(n, 53), true, JavaBackendTest.random(n, 54),
                JavaBackendTest.random(n, 55));
        float[] fused = new float[m * n];
        float[] pass = new float[m * n];
        JavaBackend.INSTANCE.gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, fused, n, e);
        plain.gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, pass, n, e);
        assertArrayEquals(fused, pass);
    }

    /** NaN stays NaN, -0 and negatives become +0, as the separate relu pass gives. */
    @Test
    void reluKeepsNaNAndClearsNegativeZero() {
        float[] a = {Float.NaN, 1f, -1f, 0f, -0f, 1f};
        float[] b = {1f};
        float[] c = new float[6];
        JavaBackend.INSTANCE.gemm(Transpose.NO, Transpose.NO, 6, 1, 1, 1f, a, 1, b, 1, 0f, c, 1,
                new Epilogue(null, true, null, null));
        assertEquals(Float.NaN, c[0]);
        assertEquals(1f, c[1]);
        assertEquals(0x0, Float.floatToRawIntBits(c[2]));
        assertEquals(0x0, Float.floatToRawIntBits(c[4]));
    }

    @Test
    void refusesShortArraysAndHalfAnAffine() {
        assertThrows(IllegalArgumentException.class, () -> new Epilogue(null, false, new float[2], null));
        float[] c = new float[8];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JavaBackend.INSTANCE.gemm(
                Transpose.NO, Transpose.NO, 2, 4, 1, 1f, new float[2], 1, new float[4], 4, 0f, c, 4,
                new Epilogue(new float[3], false, null, null)));
        assertEquals("Epilogue: its per-column arrays are shorter than the product's 4 columns.", e.getMessage());
    }
}
