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

    @Test
    void reluLayerWithCeilingThresholdAndSlopeFollowsKerasFormula() {
        ReLU r = (ReLU) LayerRegistry.fromConfig("ReLU", Map.of("max_value", 1.5, "negative_slope", 0.1,
                "threshold", 0.2));
        r.build(Shape.of(6));
        // keras.layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2) on these inputs, Keras 3.15.1 (JAX);
        // at exactly the threshold (0.2 in float32) the output is 0.
        float[] keras = {-0.2200000137f, -0.0200000014f, 0f, 0.8999999762f, 1.5f, 1.5f};
        Tensor y = r.forward(Tensor.of(new float[][] {{-2, 0, 0.2f, 0.9f, 1.5f, 7}}), Mode.INFERENCE);
        for (int j = 0; j < keras.length; j++) {
            assertEquals(keras[j], y.get(0, j), 1e-6, "column " + j);
        }
        new GradientCheck(1e-3, 2e-3, 2e-4, 64).check(r, GradientCheck.input(4, 6, 5, 0.1));
        LayerHarness.roundTrip(r, Shape.of(6), GradientCheck.input(3, 6, 2, 0));
        assertEquals(null, ReLU.of().config().toMap().get("max_value"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("ReLU", Map.of("threshold", -1.0)));
        assertTrue(e.getMessage().contains("'threshold' of ReLU"), e.getMessage());
    }

    @Test
    void eluSoftmaxAndIdentityLayers() {
        ELU elu = (ELU) LayerRegistry.fromConfig("ELU", Map.of("alpha", 0.5));
        elu.build(Shape.of(4));
        Tensor y = elu.forward(Tensor.of(new float[][] {{-1, 2, -3, 0.5f}}), Mode.INFERENCE);
        assertEquals(0.5 * Math.expm1(-1), y.get(0, 0), 1e-7);
        assertEquals(2f, y.get(0, 1));
        new GradientCheck(1e-3, 2e-3, 2e-4, 64).check(elu, GradientCheck.input(3, 4, 7, 0.1));
        Softmax softmax = Softmax.of();
        LayerHarness.roundTrip(softmax, Shape.of(3), GradientCheck.input(2, 3, 1, 0));
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Softmax", Map.of("axis", 1)));
        assertTrue(axis.getMessage().contains("last axis only"), axis.getMessage());
        Identity id = Identity.of();
        id.build(Shape.of(2));
        assertEquals(-3f, id.forward(Tensor.of(new float[][] {{-3, 4}}), Mode.INFERENCE).get(0, 0));
    }

    @Test
    void preluLearnsOneSlopePerFeatureOrSharedAlongAnAxis() {
        PReLU p = new PReLU(new PReLU.Config(null, true, new dev.lamina.initializers.RandomNormal(0.2, 0.3, false, 4L),
                null, null, null));
        p.build(Shape.of(5));
        assertEquals(5, p.countParams());
        new GradientCheck(1e-3, 2e-3, 2e-4, 64).check(p, GradientCheck.input(4, 5, 3, 0.1));
        LayerHarness.roundTrip(p, Shape.of(5), GradientCheck.input(3, 5, 2, 0));
        // Input (2, 3) per sample, alpha shared along axis 1: one slope per column, three in all.
        PReLU shared = (PReLU) LayerRegistry.fromConfig("PReLU", Map.of("shared_axes", java.util.List.of(1)));
        shared.build(Shape.of(2, 3));
        assertEquals(3, shared.countParams());
        System.arraycopy(new float[] {0.1f, 0.2f, 0.3f}, 0, shared.weights().get(0).value().data(), 0, 3);
        Tensor y = shared.forward(Tensor.wrap(new float[] {-1, -1, -1, -2, -2, 5}, 1, 2, 3), Mode.INFERENCE);
        assertEquals(java.util.List.of(-0.1f, -0.2f, -0.3f, -0.2f, -0.4f, 5f), java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> y.data()[i]).toList());
        PReLU fresh = PReLU.of();
        fresh.build(Shape.of(1));
        assertEquals(0f, fresh.forward(Tensor.of(new float[][] {{-4}}), Mode.INFERENCE).get(0, 0) + 0f,
                "alpha starts at zero: a ReLU");
    }
}
