package dev.lamina.layers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.activations.Activations;
import dev.lamina.layers.Mode;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivationLayerTest {
    @Test
    void everyActivationPassesTheGradientCheck() {
        for (String name : Activations.names()) {
            Activation a = Activation.of(name);
            a.build(Shape.of(6));
            // Inputs at least 0.1 from 0, so central differences of step 1e-2 never straddle relu's kink.
            new GradientCheck(1e-2, 2e-3, 2e-4, 64).check(a, GradientCheck.input(4, 6, 3, 0.1));
        }
    }

    @Test
    void configRoundTrip() {
        Activation a = Activation.of("softmax");
        LayerHarness.roundTrip(a, Shape.of(5), GradientCheck.input(3, 5, 4, 0));
        assertEquals(0, a.countParams());
        Tensor y = a.forward(Tensor.of(new float[][] {{1, 1, 1, 1, 1}}), Mode.INFERENCE);
        assertEquals(0.2f, y.get(0, 3), 1e-7);
    }

    @Test
    void unknownActivationInConfigIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Activation", Map.of("activation", "lambda")));
        assertTrue(e.getMessage().contains("Unknown activation 'lambda'"), e.getMessage());
    }

    @Test
    void leakyReluLayerHasKerasDefaultsBothSlopeNamesAndGradients() {
        LeakyReLU l = (LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", Map.of());
        assertEquals(0.3, l.config().negativeSlope());
        assertEquals(0.1, ((LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", Map.of("alpha", 0.1))).config()
                .negativeSlope());
        l.build(Shape.of(4));
        Tensor y = l.forward(Tensor.of(new float[][] {{-2, -0.5f, 0, 3}}), Mode.INFERENCE);
        assertEquals(-0.6f, y.get(0, 0), 1e-7);
        assertEquals(3f, y.get(0, 3));
        new GradientCheck(1e-3, 2e-3, 2e-4, 64).check(l, GradientCheck.input(3, 4, 2, 0.1));
        LayerHarness.roundTrip(LeakyReLU.of(0.25), Shape.of(4), GradientCheck.input(3, 4, 2, 0));
    }
}
