package dev.lamina.layers.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Mode;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import org.junit.jupiter.api.Test;

class NoiseLayersTest {
    private static double[] meanStd(float[] v) {
        double s = 0;
        double sq = 0;
        for (float f : v) {
            s += f;
            sq += (double) f * f;
        }
        double mean = s / v.length;
        return new double[] {mean, Math.sqrt(sq / v.length - mean * mean)};
    }

    private static Tensor ones(int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols);
        t.fill(1f);
        return t;
    }

    @Test
    void gaussianDropoutHasKerasStd() {
        GaussianDropout g = GaussianDropout.of(0.3);
        g.build(Shape.of(1000));
        Tensor y = g.forward(ones(100, 1000), Mode.TRAINING);
        double[] ms = meanStd(y.data());
        assertEquals(1, ms[0], 0.01);
        assertEquals(Math.sqrt(0.3 / 0.7), ms[1], 0.01); // 0.65465
        Tensor x = ones(2, 1000);
        assertSame(x, g.forward(x, Mode.INFERENCE));
    }

    @Test
    void gaussianNoiseHasItsStd() {
        GaussianNoise n = GaussianNoise.of(0.3);
        n.build(Shape.of(1000));
        Tensor y = n.forward(ones(100, 1000), Mode.TRAINING);
        double[] ms = meanStd(y.data());
        assertEquals(1, ms[0], 0.01);
        assertEquals(0.3, ms[1], 0.005);
    }

    @Test
    void alphaDropoutKeepsSelusMeanAndVariance() {
        AlphaDropout a = AlphaDropout.of(0.3);
        a.build(Shape.of(1000));
        Tensor x = GradientCheck.input(200, 1000, 5, 0);
        Tensor y = a.forward(x, Mode.TRAINING);
        double[] ms = meanStd(y.data());
        assertEquals(0, ms[0], 0.02);
        assertEquals(1, ms[1], 0.1);
        assertSame(x, a.forward(x, Mode.INFERENCE));
    }

    @Test
    void gradientsWithFixedNoiseMatchCentralDifferences() {
        Tensor x = GradientCheck.input(4, 6, 3, 0);
        for (NoiseLayer layer : new NoiseLayer[] {GaussianDropout.of(0.4), GaussianNoise.of(0.5),
                AlphaDropout.of(0.3)}) {
            layer.build(Shape.of(6));
            new GradientCheck().beforeEachForward(() -> layer.setNoiseStep(0)).check(layer, x, Mode.TRAINING);
        }
        SpatialDropout1D s = SpatialDropout1D.of(0.5);
        s.build(Shape.of(3, 4));
        new GradientCheck().beforeEachForward(() -> s.setNoiseStep(0))
                .check(s, GradientCheck.input(2, 12, 4, 0).reshape(2, 3, 4), Mode.TRAINING);
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        SpatialDropout1D s = SpatialDropout1D.of(0.5);
        s.build(Shape.of(8, 16));
        Tensor y = s.forward(ones(64 * 8, 16).reshape(64, 8, 16), Mode.TRAINING);
        int dropped = 0;
        for (int b = 0; b < 64; b++) {
            for (int f = 0; f < 16; f++) {
                float first = y.data()[b * 128 + f];
                for (int t = 1; t < 8; t++) {
                    assertEquals(first, y.data()[b * 128 + t * 16 + f]);
                }
                dropped += first == 0 ? 1 : 0;
            }
        }
        assertEquals(0.5, dropped / 1024.0, 0.06);
        SpatialDropout1D flat = SpatialDropout1D.of(0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flat.build(Shape.of(11)));
        assertTrue(e.getMessage().contains("needs inputs of rank 3"), e.getMessage());
    }

    @Test
    void configsRoundTrip() {
        Tensor x = GradientCheck.input(3, 6, 1, 0);
        LayerHarness.roundTrip(GaussianDropout.of(0.2), Shape.of(6), x);
        LayerHarness.roundTrip(new GaussianNoise(new GaussianNoise.Config("noise", 0.1, 3L)), Shape.of(6), x);
        LayerHarness.roundTrip(new AlphaDropout(new AlphaDropout.Config(null, 0.1, java.util.List.of(-1, 1), 2L)),
                Shape.of(6), x);
        LayerHarness.roundTrip(SpatialDropout1D.of(0.3), Shape.of(2, 3), x.reshape(3, 2, 3));
    }

    @Test
    void badArguments() {
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class, () -> GaussianNoise.of(-0.1));
        assertEquals("Invalid value for argument 'stddev' of GaussianNoise: expected a finite number >= 0,"
                + " received -0.1.", std.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianDropout.of(1));
        assertThrows(IllegalArgumentException.class, () -> AlphaDropout.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SpatialDropout1D.of(-1));
    }
}
