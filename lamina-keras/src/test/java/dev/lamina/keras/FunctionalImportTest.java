package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.io.ModelFormatException;
import dev.lamina.layers.Layer;
import dev.lamina.layers.core.Dense;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Functional Keras models (tools/reference/keras_functional.py, Keras 3.15.1): a chain imports as a
 * Sequential model and predicts what Keras predicted; a graph that is not a chain is refused, naming
 * the layer where it branches.
 */
class FunctionalImportTest {
    private static Path resource(String name) throws Exception {
        return Path.of(FunctionalImportTest.class.getResource("/keras/functional/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chain.keras", "chain.legacy.h5"})
    void aFunctionalChainPredictsWhatKerasPredicted(String file) throws Exception {
        Sequential m = KerasImport.load(resource(file));
        assertEquals(List.of("Dense", "BatchNormalization", "Dropout", "Dense"),
                m.layers().stream().map(Layer::className).toList());
        float[][] expected = Fixtures.csv(resource("chain.expected.csv"));
        Tensor y = m.predict(Tensor.of(Fixtures.csv(resource("chain.input.csv"))));
        assertEquals(expected.length, y.shape().dim(0));
        Fixtures.assertClose(expected, y, file);
    }

    @Test
    void twoOutputsAreRefused() throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasImport.load(resource("branching.keras")));
        assertTrue(e.getMessage().contains("2 outputs"), e.getMessage());
    }

    @Test
    void aSkipConnectionIsRefusedNamingTheLayers() throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> KerasImport.load(resource("skip.keras")));
        assertTrue(e.getMessage().contains("'join' (Concatenate) takes the outputs of [trunk, inner]"), e.getMessage());
    }

    /** Keras 2's functional form: a {@code Model} whose inbound nodes are lists of [layer, node, tensor, kwargs]. */
    private static String keras2Model(String secondInbound) {
        return """
            {"class_name": "Model", "config": {"name": "model_1",
              "layers": [
                {"name": "input_1", "class_name": "InputLayer",
                 "config": {"batch_input_shape": [null, 4], "dtype": "float32", "sparse": false, "name": "input_1"},
                 "inbound_nodes": []},
                {"name": "fc1", "class_name": "Dense", "config": {"name": "fc1", "units": 3, "activation": "relu"},
                 "inbound_nodes": [[["input_1", 0, 0, {}]]]},
                {"name": "out", "class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "linear"},
                 "inbound_nodes": [%s]}],
              "input_layers": [["input_1", 0, 0]], "output_layers": [["out", 0, 0]]}}
            """.formatted(secondInbound);
    }

    @Test
    void keras2ModelChainsBuild(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("model.json"), keras2Model("[[\"fc1\", 0, 0, {}]]"));
        Sequential m = KerasImport.fromConfig(json);
        assertEquals(List.of("fc1", "out"), m.layers().stream().map(Layer::name).toList());
        assertEquals(2, m.predict(Tensor.of(new float[][] {{1, 2, 3, 4}})).shape().dim(1));
    }

    @Test
    void keras2GraphsThatAreNotChainsAreRefused(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"[[\"fc1\", 0, 0, {}], [\"input_1\", 0, 0, {}]]", "takes the outputs of [fc1, input_1]"},
            {"[[\"fc1\", 1, 0, {}]]", "second call of layer 'fc1'"},
            {"[[\"fc1\", 0, 0, {\"mask\": [1, 0]}]]", "called with arguments"},
            {"[[\"input_1\", 0, 0, {}]]", "feeds both 'fc1' and 'out'"},
            {"[[\"fc1\", 0, 0, {}]], [[\"fc1\", 0, 0, {}]]", "called 2 times"},
        };
        for (String[] c : cases) {
            Path json = Files.writeString(dir.resolve("model.json"), keras2Model(c[0]));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasImport.fromConfig(json), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
