package dev.lamina.layers.regularization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Mode;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static Tensor ones(int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols);
        t.fill(1f);
        return t;
    }

    @Test
    void kerasFiguresOnOnes() {
        // Keras' own test: Dropout(0.5) on ones(20, 500) in training has mean 1 +- 0.02 and max 2.
        Dropout d = Dropout.of(0.5, 1337);
        d.build(Shape.of(500));
        Tensor x = ones(20, 500);
        Tensor y = d.forward(x, Mode.TRAINING);
        double mean = 0;
        float max = 0;
        for (float v : y.data()) {
            mean += v;
            max = Math.max(max, v);
            assertTrue(v == 0f || v == 2f, "value " + v);
        }
        mean /= y.size();
        assertEquals(1, mean, 0.02);
        assertEquals(2.0f, max);
        assertSame(x, d.forward(x, Mode.INFERENCE));
    }

    @Test
    void droppedFractionOverAMillionUnitsIsTheRate() {
        for (double rate : new double[] {0.1, 0.3, 0.5, 0.8}) {
            Dropout d = Dropout.of(rate, 7);
            d.build(Shape.of(1000));
            Tensor y = d.forward(ones(1000, 1000), Mode.TRAINING);
            long dropped = 0;
            for (float v : y.data()) {
                dropped += v == 0f ? 1 : 0;
            }
            assertEquals(rate, dropped / 1e6, 0.005, "rate " + rate);
        }
    }

    @Test
    void masksArePureFunctionsOfSeedAndStep() {
        Dropout a = Dropout.of(0.5, 3);
        Dropout b = Dropout.of(0.5, 3);
        a.build(Shape.of(64));
        b.build(Shape.of(64));
        Tensor x = ones(8, 64);
        float[] a0 = a.forward(x, Mode.TRAINING).data().clone();
        float[] b0 = b.forward(x, Mode.TRAINING).data().clone();
        assertArrayEquals(a0, b0, "same seed, same step: same mask");
        float[] a1 = a.forward(x, Mode.TRAINING).data().clone();
        assertFalse(Arrays.equals(a0, a1), "next step: another mask");
        assertEquals(2, a.noiseStep());
        a.setNoiseStep(0);
        assertArrayEquals(a0, a.forward(x, Mode.TRAINING).data(), "back at step 0: the first mask again");
        Dropout c = Dropout.of(0.5, 4);
        c.build(Shape.of(64));
        assertFalse(Arrays.equals(a0, c.forward(x, Mode.TRAINING).data()), "another seed: another mask");
    }

    @Test
    void gradientWithAFixedMaskMatchesCentralDifferences() {
        Dropout d = Dropout.of(0.4, 9);
        d.build(Shape.of(7));
        Tensor x = GradientCheck.input(5, 7, 2, 0);
        new GradientCheck().beforeEachForward(() -> d.setNoiseStep(0)).check(d, x, Mode.TRAINING);
        Tensor y = d.forward(x, Mode.INFERENCE);
        assertSame(x, y);
    }

    @Test
    void backwardUsesTheSameMaskAndScale() {
        Dropout d = Dropout.of(0.25, 5);
        d.build(Shape.of(10));
        Tensor x = GradientCheck.input(4, 10, 3, 0.1);
        Tensor y = d.forward(x, Mode.TRAINING).copy();
        Tensor g = ones(4, 10);
        Tensor dx = d.backward(g);
        for (int i = 0; i < x.size(); i++) {
            float expected = y.data()[i] == 0f ? 0f : 1f / 0.75f;
            assertEquals(expected, dx.data()[i], 0f);
            assertEquals(y.data()[i] == 0f ? 0f : x.data()[i] / 0.75f, y.data()[i], 0f);
        }
    }

    @Test
    void noiseShapeBroadcastsTheMask() {
        // [-1, 1]: one decision per row, shared by all its features.
        Dropout rows = new Dropout(new Dropout.Config(null, 0.5, List.of(-1, 1), 11L));
        rows.build(Shape.of(6));
        Tensor y = rows.forward(ones(40, 6), Mode.TRAINING);
        int droppedRows = 0;
        for (int r = 0; r < 40; r++) {
            float first = y.get(r, 0);
            for (int c = 1; c < 6; c++) {
                assertEquals(first, y.get(r, c));
            }
            droppedRows += first == 0 ? 1 : 0;
        }
        assertTrue(droppedRows > 5 && droppedRows < 35, "dropped rows " + droppedRows);
        // [1, -1]: one mask shared by every row.
        Dropout cols = new Dropout(new Dropout.Config(null, 0.5, List.of(1, -1), 12L));
        cols.build(Shape.of(30));
        Tensor z = cols.forward(ones(5, 30), Mode.TRAINING);
        for (int r = 1; r < 5; r++) {
            for (int c = 0; c < 30; c++) {
                assertEquals(z.get(0, c), z.get(r, c));
            }
        }
    }

    @Test
    void configRoundTripWithKerasNoneInNoiseShape() {
        Dropout d = new Dropout(new Dropout.Config("drop", 0.3, List.of(-1, 1), 5L));
        Map<String, Object> m = d.config().toMap();
        assertEquals(Arrays.asList(null, 1), m.get("noise_shape"));
        assertEquals(0.3, m.get("rate"));
        LayerHarness.roundTrip(d, Shape.of(4), GradientCheck.input(3, 4, 1, 0));
        LayerHarness.roundTrip(Dropout.of(0.2), Shape.of(4), GradientCheck.input(3, 4, 1, 0));
        assertEquals(0, d.countParams());
    }

    @Test
    void badArgumentsGetClearMessages() {
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> Dropout.of(1.5));
        assertEquals("Invalid value for argument 'rate' of Dropout: expected a number in [0, 1), received 1.5.",
                high.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(1.0));
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(-0.1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Dropout.of(Double.NaN));
        assertTrue(nan.getMessage().contains("received NaN"), nan.getMessage());
        Dropout wrongRank = new Dropout(new Dropout.Config("d", 0.5, List.of(-1, 1, 1), null));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> wrongRank.build(Shape.of(11)));
        assertTrue(rank.getMessage().contains("Dropout 'd' has noise_shape [-1, 1, 1] of rank 3 but its inputs have"
                + " rank 2"), rank.getMessage());
        Dropout notBroadcast = new Dropout(new Dropout.Config("e", 0.5, List.of(-1, 3), null));
        notBroadcast.build(Shape.of(4));
        IllegalArgumentException broadcast = assertThrows(IllegalArgumentException.class,
                () -> notBroadcast.forward(ones(2, 4), Mode.TRAINING));
        assertTrue(broadcast.getMessage().contains("does not broadcast"), broadcast.getMessage());
    }

    @Test
    void rateZeroIsTheIdentityEvenInTraining() {
        Dropout d = Dropout.of(0);
        d.build(Shape.of(3));
        Tensor x = ones(2, 3);
        assertSame(x, d.forward(x, Mode.TRAINING));
    }
}
