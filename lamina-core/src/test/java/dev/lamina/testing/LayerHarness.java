package dev.lamina.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;

/**
 * The checks every layer gets: config round trip through the Keras-shaped map and the registry,
 * weights round trip, and identical outputs of the copy in both modes.
 */
public final class LayerHarness {
    private LayerHarness() {}

    /** Runs the round trips for {@code layer} on per-sample inputs of {@code inputShape}; returns the copy. */
    public static Layer roundTrip(Layer layer, Shape inputShape, Tensor x) {
        layer.build(inputShape);
        Layer copy = LayerRegistry.copyOf(layer);
        assertEquals(layer.config(), copy.config(), "config round trip of " + layer);
        assertEquals(layer.activityRegularizer(), copy.activityRegularizer(), "activity regularizer of " + layer);
        assertEquals(layer.className(), copy.className());
        copy.build(inputShape);
        assertEquals(layer.outputShape(), copy.outputShape());
        assertEquals(layer.weights().size(), copy.weights().size());
        for (int i = 0; i < layer.weights().size(); i++) {
            assertEquals(layer.weights().get(i).path(), copy.weights().get(i).path());
            copy.weights().get(i).value().copyFrom(layer.weights().get(i).value());
        }
        for (Mode mode : new Mode[] {Mode.INFERENCE, Mode.TRAINING}) {
            Tensor a = layer.forward(x, mode).copy();
            Tensor b = copy.forward(x, mode).copy();
            assertEquals(x.rows(), a.rows());
            assertEquals(layer.outputShape(), a.shape().withoutBatch());
            assertArrayEquals(a.data(), b.data(), "outputs of the copy in " + mode);
        }
        return copy;
    }
}
