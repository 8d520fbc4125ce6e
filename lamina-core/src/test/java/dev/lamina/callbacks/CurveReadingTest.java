package dev.lamina.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurveReadingTest {
    private static History history(double[] loss, double[] val) {
        History h = new History();
        for (int e = 0; e < loss.length; e++) {
            Logs l = new Logs();
            l.put("loss", loss[e]);
            if (val != null) {
                l.put("val_loss", val[e]);
            }
            h.onEpochEnd(e, l);
        }
        return h;
    }

    private static double[] line(int n, double from, double to) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + (to - from) * i / (n - 1);
        }
        return v;
    }

    @Test
    void overfittingIsValLossRisingAfterItsMinimumWhileLossFalls() {
        double[] loss = line(40, 1.0, 0.2);
        double[] val = new double[40];
        for (int i = 0; i < 40; i++) {
            val[i] = i <= 10 ? 1.0 - 0.05 * i : 0.5 + 0.03 * (i - 10);
        }
        CurveReading r = CurveReading.of(history(loss, val));
        assertEquals(CurveReading.Verdict.OVERFITTING, r.verdict());
        // The eleventh epoch (index 10 of the history): the record and its text count alike.
        assertEquals(11, r.bestEpoch());
        assertEquals(0.5, r.bestValLoss(), 1e-12);
        assertTrue(r.text().contains("epoch " + r.bestEpoch() + " "), r.text());
        assertTrue(r.text().startsWith("Overfitting:"), r.text());
    }

    @Test
    void everyTextStartsWithItsVerdictsLabel() {
        double[] flatVal = line(30, 1, 0.5);
        for (int i = 10; i < 30; i++) {
            flatVal[i] = 0.5 + 0.001 * (i % 2);
        }
        List<CurveReading> readings = List.of(
                CurveReading.of(history(line(20, 1, 0.5), line(20, 1.1, 0.6))),
                CurveReading.of(history(line(30, 1, 0.45), flatVal)),
                CurveReading.of(history(new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3})),
                CurveReading.of(history(new double[] {24.9, 24.9, 24.9}, new double[] {25, 25, 25})));
        for (CurveReading r : readings) {
            String label = r.verdict().label();
            assertTrue(r.text().startsWith(Character.toUpperCase(label.charAt(0)) + label.substring(1) + ":"), r.text());
        }
    }

    @Test
    void otherVerdicts() {
        assertEquals(CurveReading.Verdict.UNDERFITTING,
                CurveReading.of(history(line(20, 1, 0.5), line(20, 1.1, 0.6))).verdict());
        double[] flatVal = line(30, 1, 0.5);
        for (int i = 10; i < 30; i++) {
            flatVal[i] = 0.5 + 0.001 * (i % 2);
        }
        assertEquals(CurveReading.Verdict.SETTLED, CurveReading.of(history(line(30, 1, 0.45), flatVal)).verdict());
        assertEquals(CurveReading.Verdict.DIVERGED,
                CurveReading.of(history(new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3})).verdict());
        assertEquals(CurveReading.Verdict.DIVERGED,
                CurveReading.of(history(new double[] {1e22, 35, 34.9}, new double[] {1e7, 1e7, 1e7})).verdict());
        assertEquals(CurveReading.Verdict.STALLED,
                CurveReading.of(history(new double[] {24.9, 24.9, 24.9}, new double[] {25, 25, 25})).verdict());
        // A classifier whose loss falls a thousandfold is not an explosion.
        assertNotEquals(CurveReading.Verdict.DIVERGED,
                CurveReading.of(history(line(30, 2.3, 0.001), line(30, 2.3, 0.002))).verdict());
    }

    @Test
    void oneEpochIsTooShortToReadUnlessItDiverged() {
        CurveReading r = CurveReading.of(history(new double[] {4.95}, new double[] {3.48}));
        assertEquals(CurveReading.Verdict.TOO_SHORT, r.verdict());
        assertTrue(r.text().startsWith("Too short:") && r.text().contains("val_loss 3.4800"), r.text());
        assertEquals(CurveReading.Verdict.TOO_SHORT, CurveReading.of(history(new double[] {4.95}, null)).verdict());
        assertEquals(CurveReading.Verdict.DIVERGED,
                CurveReading.of(history(new double[] {Double.NaN}, new double[] {Double.NaN})).verdict());
    }

    @Test
    void aLossThatRoseIsNotSaidToHaveStayed() {
        CurveReading r = CurveReading.of(history(new double[] {2.0, 2.5, 3.0}, new double[] {2, 2.5, 3}));
        assertEquals(CurveReading.Verdict.STALLED, r.verdict());
        assertTrue(r.text().contains("never fell below its first value (2.0000; 3.0000 at the end)"), r.text());
    }

    @Test
    void aShortRunStillFallingIsUnderfittingOverItsLastEpochWithoutANoiseNote() {
        // Three epochs of a steeply falling val_loss: the fall is the trend, not noise.
        CurveReading r = CurveReading.of(history(new double[] {4.95, 2.92, 1.91}, new double[] {3.48, 1.24, 0.67}));
        assertEquals(CurveReading.Verdict.UNDERFITTING, r.verdict());
        assertTrue(r.text().contains("over the last epoch;"), r.text());
        assertTrue(!r.text().contains("scatters"), r.text());
        double[] steep = line(8, 3, 0.2);
        assertTrue(!CurveReading.of(history(line(8, 4, 1), steep)).text().contains("scatters"));
    }

    @Test
    void valLossThatZigzagsAroundItsTrendGetsANoiseNote() {
        double[] val = line(20, 1, 0.5);
        for (int i = 14; i < 20; i++) {
            val[i] = 0.5 + (i % 2 == 0 ? 0.15 : -0.15);
        }
        CurveReading r = CurveReading.of(history(line(20, 1, 0.4), val));
        assertTrue(r.text().contains("val_loss scatters by about"), r.text());
    }
}
