package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Three rows side by side: every element lands at 3p + r, the vector part and the tail alike. */
class Interleave3Test {
    @Test
    void everyElementLandsAtThreeTimesItsIndexPlusItsRow() {
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 255, 256, 1000}) {
            int lda = n + 5;
            float[] a = JavaBackendTest.random(4 * lda + 3, n);
            float[] out = new float[3 * n + 10];
            java.util.Arrays.fill(out, Float.NaN);
            int s0 = lda + 2;
            Interleave3.rows(a, s0, s0 + lda, s0 + 2 * lda, n, out, 4);
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < 3; r++) {
                    assertEquals(a[s0 + r * lda + p], out[4 + 3 * p + r], "n " + n + ", element " + p + " of row " + r);
                }
            }
            for (int x = 0; x < out.length; x++) {
                if (x < 4 || x >= 4 + 3 * n) {
                    assertEquals(Float.NaN, out[x], "n " + n + ": wrote outside the panel at " + x);
                }
            }
        }
    }
}
