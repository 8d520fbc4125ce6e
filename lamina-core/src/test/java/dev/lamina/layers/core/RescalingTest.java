package dev.lamina.layers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Mode;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.layers.registry.LayerSpec;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rescaling: {@code x * scale + offset} per feature, as Keras writes its values. Keras' outputs: KerasImportTest. */
class RescalingTest {
    @Test
    void eachFeatureIsMultipliedThenShiftedInFloat32() {
        Rescaling r = (Rescaling) LayerRegistry.fromConfig("Rescaling", Map.of("scale", List.of(0.1, 3.0, -2.0),
                "offset", 0.7));
        r.build(Shape.of(3));
        Tensor x = GradientCheck.input(4, 3, 1, 0);
        Tensor y = r.forward(x, Mode.TRAINING);
        float[] scale = {0.1f, 3f, -2f};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                float product = x.get(i, j) * scale[j];
                assertEquals(product + 0.7f, y.get(i, j), 0f, "row " + i + ", column " + j);
            }
        }
        assertEquals(0, r.countParams());
        assertEquals(y.shape(), r.forward(x, Mode.INFERENCE).shape());
    }

    @Test
    void gradientsAndConfigRoundTrip() {
        Rescaling r = new Rescaling(new Rescaling.Config(null, List.of(0.5, -1.5, 2.0, 4.0), List.of(0.0, 1.0, -1.0, 2.0)));
        r.build(Shape.of(4));
        new GradientCheck(1e-2, 2e-3, 2e-4, 64).check(r, GradientCheck.input(3, 4, 2, 0));
        LayerHarness.roundTrip(Rescaling.of(1 / 255.0, -0.5), Shape.of(4), GradientCheck.input(3, 4, 2, 0));
        assertEquals("Rescaling", LayerSpec.parse("rescaling(0.5, 1)").get(0).className());
    }

    @Test
    void kerasNumpyValuesAndNestedListsAreRead() {
        Map<String, Object> numpy = Map.of("class_name", "__numpy__", "config", Map.of("value", List.of(List.of(2.0, 4.0)),
                "dtype", "float32"));
        Rescaling r = (Rescaling) LayerRegistry.fromConfig("Rescaling", Map.of("scale", numpy,
                "offset", Map.of("class_name", "__numpy__", "config", Map.of("value", 0.25))));
        r.build(Shape.of(2));
        assertEquals(List.of(2.0, 4.0), r.config().scale());
        assertEquals(List.of(0.25), r.config().offset());
    }

    @Test
    void badValuesAreRefusedInOneLine() {
        Rescaling r = (Rescaling) LayerRegistry.fromConfig("Rescaling", Map.of("name", "pixels", "scale", List.of(1.0, 2.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.build(Shape.of(3)));
        assertTrue(e.getMessage().contains("Rescaling 'pixels' has 2 scale values but its inputs have 3 features"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Rescaling", Map.of()));
        assertTrue(e.getMessage().contains("needs 'scale'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Rescaling",
                Map.of("scale", "big")));
        assertTrue(e.getMessage().contains("'scale'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Rescaling",
                Map.of("scale", List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)))));
        assertTrue(e.getMessage().contains("along the last axis"), e.getMessage());
        List<Object> huge = Collections.nCopies(Rescaling.MAX_VALUES + 1, 1.0);
        e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Rescaling", Map.of("scale", huge)));
        assertTrue(e.getMessage().length() < 400, "one short line, not the list: " + e.getMessage().length());
        e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Rescaling",
                Map.of("scale", List.of(1.0, Double.NaN))));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
