package dev.lamina.openblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Backend;
import dev.lamina.tensor.Backends;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Transpose;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenBlasBackendTest {
    private static final OpenBlasBackend OPENBLAS = new OpenBlasBackend(2);

    private static float[] random(int n, long seed) {
        RandomStream r = new RandomStream(seed, 0);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static double at(float[] a, Transpose t, int i, int p, int ld) {
        return t == Transpose.NO ? a[i * ld + p] : a[p * ld + i];
    }

    /**
     * The most a float32 sum of {@code terms} products can differ from the exact sum, whatever the
     * order of summation and whatever fused multiply-adds a kernel uses: {@code terms} roundings of
     * at most half an ulp each on partial sums bounded by {@code absSum}, the sum of the terms'
     * magnitudes (Higham, Accuracy and Stability of Numerical Algorithms, 3.1).
     */
    static double roundingBound(int terms, double absSum) {
        double u = Math.ulp(1f) / 2;
        return terms * u / (1 - terms * u) * absSum + Float.MIN_NORMAL;
    }

    /**
     * Every layout at edge sizes, with row strides wider than the matrices (as for a block of a
     * larger matrix), against a double-precision product; and against the Java backend.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1", "2,2,2", "15,17,3", "17,15,257", "1023,2,17", "9,1023,5", "33,65,513", "130,1030,300",
            "256,11,64"})
    void matchesADoublePrecisionProductInEveryLayout(int m, int n, int k) {
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = (ta == Transpose.NO ? k : m) + 3;
                int ldb = (tb == Transpose.NO ? n : k) + 1;
                int ldc = n + 2;
                float[] a = random((ta == Transpose.NO ? m : k) * lda, 1);
                float[] b = random((tb == Transpose.NO ? k : n) * ldb, 2);
                float[] c = random(m * ldc, 3);
                float[] c0 = c.clone();
                float[] java = c.clone();
                OPENBLAS.gemm(ta, tb, m, n, k, 0.5f, a, lda, b, ldb, 2f, c, ldc);
                JavaBackend.INSTANCE.gemm(ta, tb, m, n, k, 0.5f, a, lda, b, ldb, 2f, java, ldc);
                String where = ta + "" + tb + " " + m + "x" + n + "x" + k;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < ldc; j++) {
                        if (j >= n) {
                            assertEquals(c0[i * ldc + j], c[i * ldc + j], where + ": padding of C written");
                            continue;
                        }
                        double s = 2.0 * c0[i * ldc + j];
                        double abs = Math.abs(s);
                        for (int p = 0; p < k; p++) {
                            double term = 0.5 * at(a, ta, i, p, lda) * at(b, tb, p, j, ldb);
                            s += term;
                            abs += Math.abs(term);
                        }
                        double tol = roundingBound(k + 1, abs);
                        assertEquals(s, c[i * ldc + j], tol, where + " C[" + i + "][" + j + "]");
                        assertEquals(java[i * ldc + j], c[i * ldc + j], 2 * tol, where + " vs Java backend");
                    }
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        float[] c = {Float.NaN};
        OPENBLAS.gemm(Transpose.NO, Transpose.NO, 1, 1, 2, 1f, new float[] {1, 2}, 2, new float[] {3, 4}, 1, 0f, c, 1);
        assertEquals(11f, c[0]);
    }

    @Test
    void emptyDepthScalesC() {
        float[] c = {1, 2, 3, 4};
        OPENBLAS.gemm(Transpose.NO, Transpose.NO, 2, 2, 0, 1f, new float[0], 1, new float[0], 2, 0.5f, c, 2);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2}, c);
    }

    /**
     * What OpenBLAS promises and this backend passes on: for a fixed thread count and kernel, a
     * product is a pure function of its inputs, the same bits on every call. Across thread counts it
     * promises less: some kernels (the AVX2 one that {@code OPENBLAS_CORETYPE=Haswell} selects, for
     * one) change an element's summation order with the way the output is split among threads, so
     * one and two threads agree only within the rounding bound of the product.
     */
    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void aFixedThreadCountGivesTheSameBitsOnEveryCall(int threads) {
        int m = 256;
        int n = 700;
        int k = 300;
        float[] a = random(m * k, 4);
        float[] b = random(k * n, 5);
        try {
            OpenBlasBackend backend = new OpenBlasBackend(threads);
            float[] first = new float[m * n];
            backend.gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, first, n);
            for (int call = 0; call < 3; call++) {
                float[] again = new float[m * n];
                Arrays.fill(again, Float.NaN);
                backend.gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, again, n);
                assertArrayEquals(first, again, threads + " thread(s), call " + (call + 2));
            }
        } finally {
            new OpenBlasBackend(2);
        }
    }

    @Test
    void threadCountsAgreeWithinTheRoundingBoundOfTheProduct() {
        int m = 256;
        int n = 700;
        int k = 300;
        float[] a = random(m * k, 4);
        float[] b = random(k * n, 5);
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        try {
            new OpenBlasBackend(1).gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, one, n);
            new OpenBlasBackend(2).gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, two, n);
        } finally {
            new OpenBlasBackend(2);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    abs += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                assertEquals(one[i * n + j], two[i * n + j], 2 * roundingBound(k, abs), "C[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void arraysTooShortForTheirShapeAreRefusedNamingTheMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OPENBLAS.gemm(
                Transpose.NO, Transpose.NO, 2, 2, 3, 1f, new float[5], 3, new float[6], 2, 0f, new float[4], 2));
        assertTrue(e.getMessage().contains("A needs 6 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OPENBLAS.gemm(
                Transpose.NO, Transpose.NO, 2, 2, 3, 1f, new float[6], 2, new float[6], 2, 0f, new float[4], 2));
        assertTrue(e.getMessage().contains("row stride 2"), e.getMessage());
    }

    @Test
    void isFoundByServiceLoaderAndPreferredOverTheJavaBackend() {
        List<String> names = Backends.available().stream().map(Backend::name).toList();
        assertEquals(List.of("java", "openblas"), names);
        assertTrue(OPENBLAS.priority() > JavaBackend.INSTANCE.priority());
    }
}
