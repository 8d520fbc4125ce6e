package dev.lamina.layers.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSpecTest {
    /** Each layer's class and config, without the name (numbered afresh for every layer made). */
    private static List<String> configs(String spec) {
        return LayerSpec.parse(spec).stream().map(LayerSpecTest::unnamed).toList();
    }

    private static String unnamed(Layer l) {
        return l.className() + l.config().toString().replaceFirst("name=[^,]*, ", "");
    }

    @Test
    void commasBetweenLayersReadAsSpaces() {
        List<String> spaced = configs("dense(64, relu) dropout(0.3) batchnorm dense(1)");
        assertEquals(spaced, configs("dense(64,relu),dropout(0.3),batchnorm,dense(1)"));
        assertEquals(spaced, configs("dense(64, relu), dropout(0.3) ,batchnorm , dense(1)"));
    }

    @Test
    void quotedWordsReadAsInPython() {
        List<Layer> layers = LayerSpec.parse("dense(8, activation='relu') activation(\"tanh\")");
        assertEquals(configs("dense(8, activation=relu) activation(tanh)"),
                layers.stream().map(LayerSpecTest::unnamed).toList());
    }

    @Test
    void aTrailingCommaOrTwoInARowIsAnErrorAtItsPlace() {
        IllegalArgumentException end = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.parse("dense(8) dense(1),"));
        assertTrue(end.getMessage().contains("a ',' ends the layer list") && end.getMessage().contains("position 18"),
                end.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.parse("dense(8),,dense(1)"));
        assertTrue(twice.getMessage().contains("expected a layer name") && twice.getMessage().contains("position 10"),
                twice.getMessage());
    }

    @Test
    void activationLayersHaveNames() {
        assertEquals(List.of("ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax", "RMSNormalization", "UnitNormalization"),
                LayerSpec.parse("relu(6) leaky_relu(0.1) prelu elu(alpha=0.5) softmax rms_normalization"
                        + " unit_normalization").stream().map(Layer::className).toList());
        assertEquals(6.0, ((dev.lamina.layers.core.ReLU) LayerSpec.parse("relu(6, threshold=0.5)").get(0)).config()
                .maxValue());
    }
}
