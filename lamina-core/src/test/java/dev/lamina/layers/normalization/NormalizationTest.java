package dev.lamina.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Mode;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void adaptLearnsMeanAndPopulationVarianceAndStandardizes() {
        Normalization n = Normalization.of();
        Tensor x = Tensor.of(new float[][] {{1, 10}, {3, 10}, {5, 40}});
        n.adapt(x);
        assertEquals(3f, n.weights().get(0).value().data()[0]);
        assertEquals(8f / 3, n.weights().get(1).value().data()[0], 1e-6);
        Tensor y = n.forward(x, Mode.INFERENCE);
        assertEquals(-2 / Math.sqrt(8.0 / 3), y.get(0, 0), 1e-6);
        assertEquals((40 - 20) / Math.sqrt(200), y.get(2, 1), 1e-5);
        assertEquals(2, n.nonTrainableWeights().size());
        assertEquals(4, n.countParams());
    }

    @Test
    void givenStatisticsInvertAndConstantFeatures() {
        Normalization n = new Normalization(new Normalization.Config(null, List.of(1.0, 2.0), List.of(4.0, 0.0), false));
        n.build(Shape.of(2));
        Tensor y = n.forward(Tensor.of(new float[][] {{3, 2}}), Mode.INFERENCE);
        assertEquals(1f, y.get(0, 0));
        assertEquals(0f, y.get(0, 1), "variance 0: divided by 1e-7, not 0");
        Normalization inv = new Normalization(new Normalization.Config(null, List.of(1.0, 2.0), List.of(4.0, 1.0), true));
        inv.build(Shape.of(2));
        assertEquals(3f, inv.forward(Tensor.of(new float[][] {{1, 0}}), Mode.INFERENCE).get(0, 0));
    }

    @Test
    void gradientConfigRoundTripAndErrors() {
        Normalization n = new Normalization(new Normalization.Config(null, List.of(1.0, 2.0, 0.5),
                List.of(4.0, 0.25, 2.0), false));
        n.build(Shape.of(3));
        new GradientCheck().check(n, GradientCheck.input(4, 3, 1, 0));
        LayerHarness.roundTrip(n, Shape.of(3), GradientCheck.input(4, 3, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Normalization.Config(null, List.of(1.0), null, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Normalization.Config(null, List.of(1.0), List.of(-1.0), false));
        assertTrue(e.getMessage().contains("'variance' of Normalization"), e.getMessage());
        IllegalStateException given = assertThrows(IllegalStateException.class, () -> n.adapt(Tensor.zeros(2, 3)));
        assertTrue(given.getMessage().contains("cannot adapt"), given.getMessage());
    }
}
