package dev.lamina.layers.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.core.Input;
import dev.lamina.tensor.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputAndRegistryTest {
    @Test
    void inputConfigUsesKerasBatchShape() {
        Input in = Input.of(11);
        Map<String, Object> m = in.config().toMap();
        assertEquals(Arrays.asList(null, 11), m.get("batch_shape"));
        Input copy = (Input) LayerRegistry.fromConfig("InputLayer", m);
        assertEquals(in.config(), copy.config());
        assertEquals(Shape.of(11), copy.shape());
        Map<String, Object> legacy = new HashMap<>();
        legacy.put("batch_input_shape", Arrays.asList(null, 3, 4));
        assertEquals(Shape.of(3, 4), ((Input) LayerRegistry.fromConfig("InputLayer", legacy)).shape());
    }

    @Test
    void unknownClassesAreRefusedAndListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Lambda", Map.of()));
        assertTrue(e.getMessage().contains("Unknown layer class 'Lambda'"), e.getMessage());
        assertTrue(e.getMessage().contains("Dense"), e.getMessage());
    }

    @Test
    void customNestedObjectsAreRefused() {
        Map<String, Object> init = new HashMap<>();
        init.put("class_name", "GlorotUniform");
        init.put("config", Map.of());
        init.put("registered_name", "my_package>Evil");
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("units", 2);
        cfg.put("kernel_initializer", init);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Dense", cfg));
        assertTrue(e.getMessage().contains("my_package>Evil"), e.getMessage());
    }

    @Test
    void badConfigValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Dense", Map.of("units", "many")));
        assertTrue(e.getMessage().contains("'units'") && e.getMessage().contains("many"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Dense", Map.of()));
        assertTrue(missing.getMessage().contains("needs 'units'"), missing.getMessage());
    }
}
