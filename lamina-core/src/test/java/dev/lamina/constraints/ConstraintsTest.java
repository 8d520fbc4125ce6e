package dev.lamina.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.regularizers.L1L2;
import dev.lamina.regularizers.Regularizers;
import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    @Test
    void maxNormRescalesColumnsAboveTheLimitByHand() {
        // Column 0 has norm 5 (3, 4) and is scaled to norm 2; column 1 has norm 1 and stays.
        Tensor w = Tensor.of(new float[][] {{3, 0.6f}, {4, 0.8f}});
        MaxNorm.of(2).apply(w);
        assertEquals(3 * 2 / (5 + 1e-7), w.get(0, 0), 1e-6);
        assertEquals(4 * 2 / (5 + 1e-7), w.get(1, 0), 1e-6);
        assertEquals(0.6 / (1 + 1e-7), w.get(0, 1), 1e-6);
    }

    @Test
    void unitNormAndNonNeg() {
        Tensor w = Tensor.of(new float[][] {{3, -1}, {4, 0}});
        new UnitNorm(0).apply(w);
        assertEquals(0.6, w.get(0, 0), 1e-6);
        assertEquals(-1, w.get(0, 1), 1e-6);
        Tensor rows = Tensor.of(new float[][] {{3, 4}, {0, 2}});
        new UnitNorm(1).apply(rows);
        assertEquals(0.8, rows.get(0, 1), 1e-6);
        assertEquals(1, rows.get(1, 1), 1e-6);
        new NonNeg().apply(w);
        assertEquals(0, w.get(0, 1));
    }

    @Test
    void configsRoundTripAndDefaultsFollowKeras() {
        for (Constraint c : new Constraint[] {new MaxNorm(3, 1), new NonNeg(), new UnitNorm(0)}) {
            assertEquals(c, Constraints.fromConfig(c.className(), c.config()));
        }
        assertEquals(new MaxNorm(2, 0), Constraints.fromConfig("max_norm", null));
        assertEquals(L1L2.l2(0.01), Regularizers.fromConfig("l2", null));
        assertEquals(L1L2.l1(0.01), Regularizers.fromConfig("L1", null));
        assertEquals(L1L2.of(0, 0), Regularizers.fromConfig("L1L2", null));
        L1L2 r = L1L2.of(0.1, 0.2);
        assertEquals(r, Regularizers.fromConfig(r.className(), r.config()));
        assertThrows(IllegalArgumentException.class, () -> Constraints.fromConfig("min_max_norm", null));
        assertThrows(IllegalArgumentException.class, () -> L1L2.l2(-1));
    }

    @Test
    void regularizerGradientIsTheDerivativeOfItsPenalty() {
        L1L2 r = L1L2.of(0.3, 0.7);
        float[] w = {-1.5f, 0.25f, 2f};
        float[] g = new float[3];
        r.addGradient(w, g, 3);
        for (int i = 0; i < 3; i++) {
            float saved = w[i];
            w[i] = saved + 1e-3f;
            double plus = r.penalty(w, 3);
            w[i] = saved - 1e-3f;
            double minus = r.penalty(w, 3);
            w[i] = saved;
            assertEquals((plus - minus) / 2e-3, g[i], 1e-3);
        }
    }
}
