package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.random.RandomStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JavaBackendTest {
    /** n standard-normal floats from the seed (shared by the tensor package's tests). */
    static float[] random(int n, long seed) {
        RandomStream r = new RandomStream(seed, 0);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** op(A)[i][p] read from A as stored. */
    private static double at(float[] a, Transpose t, int i, int p, int ld) {
        return t == Transpose.NO ? a[i * ld + p] : a[p * ld + i];
    }

    @ParameterizedTest
    @CsvSource({"NO,NO,1,1,1", "NO,NO,7,5,3", "YES,NO,13,9,11", "NO,YES,5,17,300", "YES,YES,9,4,6",
            "NO,NO,64,600,300", "YES,NO,300,520,64", "NO,YES,64,300,520", "YES,YES,70,90,600"})
    void matchesADoublePrecisionProduct(Transpose ta, Transpose tb, int m, int n, int k) {
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        float[] c = random(m * n, 3);
        float[] c0 = c.clone();
        int lda = ta == Transpose.NO ? k : m;
        int ldb = tb == Transpose.NO ? n : k;
        JavaBackend.INSTANCE.gemm(ta, tb, m, n, k, 0.5f, a, lda, b, ldb, 2f, c, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double term = at(a, ta, i, p, lda) * at(b, tb, p, j, ldb);
                    s += term;
                    abs += Math.abs(term);
                }
                double expected = 0.5 * s + 2 * c0[i * n + j];
                double tol = 1e-6 * (abs + Math.abs(c0[i * n + j])) + 1e-6;
                assertEquals(expected, c[i * n + j], tol, "C[" + i + "][" + j + "]");
            }
        }
    }

    /** Edge sizes of every layout: the vector and plain-Java kernels give the same bits, close to double. */
    @ParameterizedTest
    @CsvSource({"1,1,1", "2,2,2", "15,17,3", "17,15,257", "1023,2,17", "9,1023,5", "33,65,513", "8,32,256",
            "7,31,255", "130,1030,300", "300,1,700", "17,1,1", "1025,4,3", "64,3,513", "31,5,9",
            "1,1030,259", "3,2049,514", "4,17,6", "2,33,1", "1,16,4", "1100,1,300", "40,1,600", "5,1,2"})
    void edgeSizesAgreeAcrossKernelsAndLayouts(int m, int n, int k) {
        float[] a = random(m * k, 8);
        float[] b = random(k * n, 9);
        for (VectorKernel.Tile tile : VectorKernel.Tile.values()) {
            edgeSizesAgree(m, n, k, a, b, new VectorKernel(tile));
        }
    }

    private static void edgeSizesAgree(int m, int n, int k, float[] a, float[] b, GemmKernel vector) {
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = ta == Transpose.NO ? k : m;
                int ldb = tb == Transpose.NO ? n : k;
                float[] c1 = random(m * n, 10);
                float[] c2 = c1.clone();
                float[] c0 = c1.clone();
                ScalarKernel.INSTANCE.compute(ta, tb, 0, k, 0.75f, false, a, lda, b, ldb, c1, n, 0, m, 0, n, null);
                vector.compute(ta, tb, 0, k, 0.75f, false, a, lda, b, ldb, c2, n, 0, m, 0, n, null);
                assertArrayEquals(c1, c2, vector.name() + " " + ta + tb + " " + m + "x" + n + "x" + k);
                for (int i = 0; i < m; i += Math.max(1, m / 7)) {
                    for (int j = 0; j < n; j += Math.max(1, n / 7)) {
                        double s = c0[i * n + j];
                        double abs = Math.abs(s);
                        for (int p = 0; p < k; p++) {
                            double term = 0.75 * at(a, ta, i, p, lda) * at(b, tb, p, j, ldb);
                            s += term;
                            abs += Math.abs(term);
                        }
                        assertEquals(s, c2[i * n + j], 1e-6 * abs + 1e-6);
                    }
                }
            }
        }
    }

    /** A thread's block that starts inside C: same bits as the plain kernel, nothing outside it written. */
    @ParameterizedTest
    @CsvSource({"NO,NO", "NO,YES", "YES,NO", "YES,YES"})
    void innerBlocksAgreeAcrossKernels(Transpose ta, Transpose tb) {
        int m = 90;
        int n = 1100;
        int k = 300;
        float[] a = random(m * k, 11);
        float[] b = random(k * n, 12);
        int lda = ta == Transpose.NO ? k : m;
        int ldb = tb == Transpose.NO ? n : k;
        float[] c1 = random(m * n, 13);
        float[] c2 = c1.clone();
        float[] before = c1.clone();
        ScalarKernel.INSTANCE.compute(ta, tb, 0, k, 1.5f, false, a, lda, b, ldb, c1, n, 5, 77, 7, 1053, null);
        for (VectorKernel.Tile tile : VectorKernel.Tile.values()) {
            float[] c3 = before.clone();
            new VectorKernel(tile).compute(ta, tb, 0, k, 1.5f, false, a, lda, b, ldb, c3, n, 5, 77, 7, 1053, null);
            assertArrayEquals(c1, c3, tile.name());
        }
        new VectorKernel().compute(ta, tb, 0, k, 1.5f, false, a, lda, b, ldb, c2, n, 5, 77, 7, 1053, null);
        assertArrayEquals(c1, c2);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (i < 5 || i >= 77 || j < 7 || j >= 1053) {
                    assertEquals(before[i * n + j], c2[i * n + j], "C(" + i + ", " + j + ") is outside the block");
                }
            }
        }
    }

    /**
     * Every width of a part of C, so that its last panel is each width a 3-, 2- or 1-vector tile
     * takes (splits between threads fall on any whole vector): the plain kernel's bits.
     */
    @Test
    void everyPartWidthAgreesWithThePlainKernel() {
        int m = 9;
        int n = 110;
        int k = 300;
        float[] a = random(m * k, 18);
        float[] b = random(k * n, 19);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = ta == Transpose.NO ? k : m;
                int ldb = tb == Transpose.NO ? n : k;
                for (int width = 1; width <= n - 3; width++) {
                    float[] plain = random(m * n, 20);
                    float[] vector = plain.clone();
                    ScalarKernel.INSTANCE.compute(ta, tb, 0, k, 0.75f, false, a, lda, b, ldb, plain, n, 0, m, 3, 3 + width,
                            null);
                    new VectorKernel(VectorKernel.Tile.ROWS_4_BY_3_VECTORS).compute(ta, tb, 0, k, 0.75f, false, a, lda, b,
                            ldb, vector, n, 0, m, 3, 3 + width, null);
                    assertArrayEquals(plain, vector, ta + "" + tb + ", columns 3.." + (3 + width));
                }
            }
        }
    }

    /**
     * Products of depth one (outer products, as in the input gradient of a Dense(1) layer): the
     * plain kernel's bits for every layout, accumulating or overwriting (C's NaNs never read), with
     * and without an epilogue, on a block of C and on whole rows, also as the last depth of a
     * longer product (k0 past 0).
     */
    @ParameterizedTest
    @CsvSource({"256,1024,1", "95,37,1", "3,5,1", "7,2000,1", "20,33,257"})
    void depthOneProductsAgreeWithThePlainKernel(int m, int n, int k) {
        float[] a = random(m * k, 31);
        float[] b = random(k * n, 32);
        float[] bias = random(n, 33);
        float[] scale = random(n, 34);
        float[] shift = random(n, 35);
        Epilogue[] epilogues = {null, new Epilogue(bias, true, null, null), new Epilogue(null, false, scale, shift),
                new Epilogue(bias, true, scale, shift)};
        int k0 = (k - 1) / GemmKernel.KC * GemmKernel.KC;
        VectorKernel vector = new VectorKernel(VectorKernel.Tile.ROWS_4_BY_3_VECTORS);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = ta == Transpose.NO ? k : m;
                int ldb = tb == Transpose.NO ? n : k;
                for (Epilogue e : epilogues) {
                    for (boolean overwrite : new boolean[] {false, true}) {
                        float[] plain = random(m * n, 36);
                        if (overwrite) {
                            java.util.Arrays.fill(plain, Float.NaN);
                        }
                        float[] fast = plain.clone();
                        int j0 = n > 4 ? 1 : 0;
                        ScalarKernel.INSTANCE.compute(ta, tb, k0, k, -1.25f, overwrite, a, lda, b, ldb, plain, n, 0, m, j0,
                                n, e);
                        vector.compute(ta, tb, k0, k, -1.25f, overwrite, a, lda, b, ldb, fast, n, 0, m, j0, n, e);
                        assertArrayEquals(plain, fast, ta + "" + tb + " " + m + "x" + n + "x" + k + " overwrite "
                                + overwrite + " epilogue " + e);
                    }
                }
            }
        }
    }

    /**
     * A depth split's later parts arrive through {@code addSums}: each kernel gives C + sum rounded
     * once, then the epilogue's steps, on an m x n block of a wider C, and leaves the rest alone.
     */
    @Test
    void addingSumsIsOneRoundedAdditionThenTheEpilogue() {
        int m = 5;
        int n = 37;
        int ldc = 41;
        float[] sums = random(m * n, 41);
        float[] bias = random(n, 42);
        float[] scale = random(n, 43);
        float[] shift = random(n, 44);
        GemmKernel[] kernels = {ScalarKernel.INSTANCE, new VectorKernel(VectorKernel.Tile.ROWS_4_BY_3_VECTORS)};
        for (Epilogue e : new Epilogue[] {null, new Epilogue(bias, true, scale, shift)}) {
            float[] start = random(m * ldc, 45);
            float[] expected = start.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float v = expected[i * ldc + j] + sums[i * n + j];
                    expected[i * ldc + j] = e == null ? v : e.apply(v, j);
                }
            }
            for (GemmKernel kernel : kernels) {
                float[] c = start.clone();
                kernel.addSums(sums, m, n, c, ldc, e);
                assertArrayEquals(expected, c, kernel.name() + ", epilogue " + e);
            }
        }
    }

    /** Overwriting gives the bits of zeroing C and accumulating, never reads C, and stays inside the block. */
    @ParameterizedTest
    @CsvSource({"1,1,1", "3,40,300", "4,1030,5", "17,15,257", "33,65,513", "130,1030,300", "90,100,2", "31,512,512"})
    void overwritingMatchesZeroingFirst(int m, int n, int k) {
        float[] a = random(m * k, 14);
        float[] b = random(k * n, 15);
        GemmKernel[] kernels = {ScalarKernel.INSTANCE, new VectorKernel(VectorKernel.Tile.ROWS_4_BY_3_VECTORS),
                new VectorKernel(VectorKernel.Tile.ROWS_6_BY_2_VECTORS), new VectorKernel(VectorKernel.Tile.ROWS_6_BY_4_VECTORS),
                new VectorKernel(VectorKernel.Tile.ROWS_3_BY_3_VECTORS)};
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int lda = ta == Transpose.NO ? k : m;
                int ldb = tb == Transpose.NO ? n : k;
                int i1 = Math.max(1, m - 1);
                float[] zeroed = new float[m * n];
                ScalarKernel.INSTANCE.compute(ta, tb, 0, k, -0.5f, false, a, lda, b, ldb, zeroed, n, 0, i1, 0, n, null);
                for (GemmKernel kernel : kernels) {
                    float[] c = new float[m * n];
                    java.util.Arrays.fill(c, 0, i1 * n, Float.NaN);
                    kernel.compute(ta, tb, 0, k, -0.5f, true, a, lda, b, ldb, c, n, 0, i1, 0, n, null);
                    assertArrayEquals(zeroed, c, kernel.name() + " " + ta + tb + " " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        float[] a = {1, 2};
        float[] b = {3, 4};
        float[] c = {Float.NaN};
        JavaBackend.INSTANCE.gemm(Transpose.NO, Transpose.NO, 1, 1, 2, 1f, a, 2, b, 1, 0f, c, 1);
        assertEquals(11f, c[0]);
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        int m = 96;
        int n = 700;
        int k = 300;
        float[] a = random(m * k, 4);
        float[] b = random(k * n, 5);
        float[] reference = null;
        for (int threads : new int[] {1, 2, 3, 5}) {
            JavaBackend backend = new JavaBackend(new WorkerPool(threads));
            for (Transpose tb : Transpose.values()) {
                float[] c = new float[m * n];
                backend.gemm(Transpose.NO, tb, m, n, k, 1f, a, k, tb == Transpose.NO ? b : transpose(b, k, n),
                        tb == Transpose.NO ? n : k, 0f, c, n);
                if (reference == null) {
                    reference = c;
                }
                assertArrayEquals(reference, c, threads + " threads, B " + tb);
            }
        }
    }

    /** One output column (a Dense layer of one unit) in every layout, split among threads by rows. */
    @Test
    void singleColumnProductsAreBitIdenticalForAnyThreadCount() {
        int m = 2100;
        int k = 300;
        float[] a = random(m * k, 16);
        float[] b = random(k, 17);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                float[] reference = null;
                for (int threads : new int[] {1, 2, 3}) {
                    float[] c = new float[m];
                    new JavaBackend(new WorkerPool(threads)).gemm(ta, tb, m, 1, k, 1f, a, ta == Transpose.NO ? k : m,
                            b, tb == Transpose.NO ? 1 : k, 0f, c, 1);
                    if (reference == null) {
                        reference = c;
                        float[] plain = new float[m];
                        ScalarKernel.INSTANCE.compute(ta, tb, 0, k, 1f, true, a, ta == Transpose.NO ? k : m, b,
                                tb == Transpose.NO ? 1 : k, plain, 1, 0, m, 0, 1, null);
                        assertArrayEquals(plain, c, ta + "" + tb + " against the plain kernel");
                    }
                    assertArrayEquals(reference, c, ta + "" + tb + ", " + threads + " threads");
                }
            }
        }
    }

    /**
     * Forward products with one k-block per thread are split by depth; the later blocks' sums are
     * added afterwards, which must give the single-threaded fold's bits (a last block of 144 and of
     * a full 256 on two threads, 4 x 256 on four; NaN in C to show it is overwritten).
     */
    @ParameterizedTest
    @CsvSource({"32,512,400,2", "32,512,512,2", "20,300,1024,4", "5,200,512,2"})
    void depthSplitsAreBitIdenticalToOneThread(int m, int n, int k, int threads) {
        assertTrue(JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, m, n, k, 1f, 0f, threads),
                "the shape must take the depth split");
        float[] a = random(m * k, 21);
        float[] b = random(k * n, 22);
        for (int i = 0; i < k * n; i += 7) {
            b[i] = -0f;
        }
        float[] one = new float[m * n];
        float[] many = new float[m * n];
        java.util.Arrays.fill(many, Float.NaN);
        new JavaBackend(new WorkerPool(1)).gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, one, n);
        JavaBackend split = new JavaBackend(new WorkerPool(threads));
        for (int round = 0; round < 2; round++) {
            split.gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, many, n);
            assertArrayEquals(one, many, "round " + round);
        }
        float[] plain = new float[m * n];
        ScalarKernel.INSTANCE.compute(Transpose.NO, Transpose.NO, 0, k, 1f, true, a, k, b, n, plain, n, 0, m, 0, n, null);
        assertArrayEquals(plain, one, "against the plain kernel");
    }

    @Test
    void depthSplitIsOnlyTakenWhereItKeepsTheBits() {
        assertTrue(JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 32, 512, 512, 1f, 0f, 2));
        assertTrue(!JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 32, 512, 512, 0.5f, 0f, 2), "alpha");
        assertTrue(!JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 32, 512, 512, 1f, 1f, 2), "beta");
        assertTrue(!JavaBackend.splitsDepth(Transpose.YES, Transpose.NO, 32, 512, 512, 1f, 0f, 2), "layout");
        assertTrue(!JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 32, 512, 1024, 1f, 0f, 2), "two blocks a part");
        assertTrue(!JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 32, 512, 300, 1f, 0f, 2), "uneven parts");
        assertTrue(!JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 512, 512, 512, 1f, 0f, 2), "split by rows");
        assertTrue(!JavaBackend.splitsDepth(Transpose.NO, Transpose.NO, 200, 1024, 512, 1f, 0f, 2), "sums too large");
    }

    @Test
    void smallProductsWithFewRowsSplitByColumnsCorrectly() {
        // m < 8 * threads forces the column split.
        int m = 3;
        int n = 4000;
        int k = 200;
        float[] a = random(m * k, 6);
        float[] b = random(k * n, 7);
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        new JavaBackend(new WorkerPool(1)).gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, one, n);
        new JavaBackend(new WorkerPool(2)).gemm(Transpose.NO, Transpose.NO, m, n, k, 1f, a, k, b, n, 0f, two, n);
        assertArrayEquals(one, two);
    }

    @Test
    void opsMatmulChecksShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ops.matmul(a, Transpose.NO, b, Transpose.NO, Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
    }

    @Test
    void workerPoolPropagatesFailures() {
        WorkerPool pool = new WorkerPool(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run((part, parts) -> {
            if (part == 1) {
                throw new IllegalStateException("part one failed");
            }
        }, 2));
        assertEquals("part one failed", e.getMessage());
        int[] hits = new int[4];
        pool.run((part, parts) -> hits[part]++, 4);
        assertArrayEquals(new int[] {1, 1, 1, 1}, hits);
    }

    private static float[] transpose(float[] b, int rows, int cols) {
        float[] t = new float[b.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = b[i * cols + j];
            }
        }
        return t;
    }
}
