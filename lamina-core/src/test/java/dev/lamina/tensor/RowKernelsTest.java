package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The row-vector loops: the Vector API and plain-Java versions agree bit for bit and with the definition. */
class RowKernelsTest {
    private static float[] random(int n, long seed) {
        return JavaBackendTest.random(n, seed);
    }

    @Test
    void addToRowsTouchesOnlyTheGivenRows() {
        RowKernels[] kernels = {new RowKernels.Scalar(), new VectorRowKernels()};
        for (int cols : new int[] {1, 5, 15, 16, 17, 1030}) {
            float[] m0 = random(7 * cols, cols);
            float[] row = random(cols, cols + 1);
            float[][] results = new float[2][];
            for (int k = 0; k < 2; k++) {
                float[] m = m0.clone();
                kernels[k].addToRows(m, row, 2, 6, cols);
                results[k] = m;
            }
            assertArrayEquals(results[0], results[1], cols + " columns");
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < cols; j++) {
                    float expected = i >= 2 && i < 6 ? m0[i * cols + j] + row[j] : m0[i * cols + j];
                    assertEquals(expected, results[1][i * cols + j], "row " + i + ", column " + j);
                }
            }
        }
    }

    @Test
    void scaleAndShiftRowsFollowsTheDefinition() {
        for (int cols : new int[] {1, 3, 7, 8, 9, 16, 17, 33, 1030}) {
            float[] x = random(13 * cols, cols + 3);
            float[] scale = random(cols, cols + 4);
            float[] shift = random(cols, cols + 5);
            float[] vector = new float[13 * cols];
            float[] scalar = new float[13 * cols];
            new VectorRowKernels().scaleAndShiftRows(x, vector, 2, 13, cols, scale, shift);
            new RowKernels.Scalar().scaleAndShiftRows(x, scalar, 2, 13, cols, scale, shift);
            assertArrayEquals(scalar, vector, cols + " columns");
            for (int i = 0; i < 13; i++) {
                for (int j = 0; j < cols; j++) {
                    float expected = i < 2 ? 0f : x[i * cols + j] * scale[j] + shift[j];
                    assertEquals(expected, vector[i * cols + j], "row " + i + ", column " + j);
                }
            }
        }
    }

    @Test
    void sumRowsAddsInRowOrder() {
        for (int cols : new int[] {1, 5, 15, 16, 17, 1030}) {
            float[] m = random(9 * cols, cols + 2);
            float[] vector = new float[cols];
            float[] scalar = new float[cols];
            new VectorRowKernels().addRowsInto(m, 9, cols, vector);
            new RowKernels.Scalar().addRowsInto(m, 9, cols, scalar);
            assertArrayEquals(scalar, vector, cols + " columns");
            float[] viaOps = new float[cols];
            java.util.Arrays.fill(viaOps, 99f);
            Ops.sumRows(m, 9, cols, viaOps);
            for (int j = 0; j < cols; j++) {
                float s = 0f;
                for (int i = 0; i < 9; i++) {
                    s += m[i * cols + j];
                }
                assertEquals(s, viaOps[j], "column " + j);
            }
        }
    }
}
