package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.activations.Activations;
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
}
