package dev.lamina.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitializersTest {
    private static Tensor fill(String name, int in, int out) {
        Tensor t = Tensor.zeros(in, out);
        Initializers.get(name).fill(t, new RandomStream(1, 2));
        return t;
    }

    private static double std(Tensor t) {
        double s = 0;
        double sq = 0;
        for (float v : t.data()) {
            s += v;
            sq += v * v;
        }
        double mean = s / t.size();
        return Math.sqrt(sq / t.size() - mean * mean);
    }

    /** Keras' variances: glorot 2/(in+out), he 2/in, lecun 1/in (uniform and truncated normal alike). */
    @ParameterizedTest
    @CsvSource({"glorot_uniform,0.00390625", "glorot_normal,0.00390625", "he_normal,0.0078125",
            "he_uniform,0.0078125", "lecun_normal,0.00390625", "lecun_uniform,0.00390625"})
    void varianceScalingPresetsHaveKerasVariance(String name, double variance) {
        Tensor t = fill(name, 256, 256);
        assertEquals(Math.sqrt(variance), std(t), 0.02 * Math.sqrt(variance), name);
    }

    @Test
    void glorotUniformStaysWithinItsLimitAndTruncatedNormalWithinTwoSigma() {
        Tensor u = fill("glorot_uniform", 100, 300);
        double limit = Math.sqrt(6.0 / 400);
        for (float v : u.data()) {
            assertTrue(Math.abs(v) <= limit, "glorot_uniform value " + v + " beyond " + limit);
        }
        Tensor t = fill("truncated_normal", 100, 100);
        for (float v : t.data()) {
            assertTrue(Math.abs(v) <= 0.1 + 1e-7, "truncated_normal value " + v);
        }
        Tensor r = fill("random_uniform", 50, 50);
        for (float v : r.data()) {
            assertTrue(v >= -0.05 && v < 0.05);
        }
        assertEquals(0.05, std(fill("random_normal", 200, 200)), 0.002);
    }

    @ParameterizedTest
    @CsvSource({"20,5", "5,20", "8,8"})
    void orthogonalHasOrthonormalRowsOrColumns(int rows, int cols) {
        Tensor q = Tensor.zeros(rows, cols);
        new Orthogonal(1.0, 7L).fill(q, null);
        boolean byColumns = rows >= cols;
        int n = byColumns ? cols : rows;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int k = 0; k < (byColumns ? rows : cols); k++) {
                    dot += byColumns ? q.get(k, a) * q.get(k, b) : q.get(a, k) * q.get(b, k);
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-5);
            }
        }
    }

    @Test
    void ownSeedIsReproducibleAndConstantsAreConstant() {
        Tensor a = Tensor.zeros(4, 4);
        Tensor b = Tensor.zeros(4, 4);
        VarianceScaling.heNormal(5L).fill(a, new RandomStream(1, 1));
        VarianceScaling.heNormal(5L).fill(b, new RandomStream(2, 2));
        assertEquals(a, b);
        VarianceScaling.heNormal(6L).fill(b, null);
        assertNotEquals(a, b);
        Tensor c = Tensor.zeros(3, 3);
        Constant.of(0.25).fill(c, null);
        float[] expected = new float[9];
        Arrays.fill(expected, 0.25f);
        assertEquals(Tensor.wrap(expected, 3, 3), c);
    }

    @Test
    void configsRoundTripByClassName() {
        for (String name : Initializers.names()) {
            Initializer i = Initializers.get(name);
            assertEquals(i, Initializers.fromConfig(i.className(), i.config()), name);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("xavier"));
        assertTrue(e.getMessage().contains("glorot_uniform"), e.getMessage());
    }
}
