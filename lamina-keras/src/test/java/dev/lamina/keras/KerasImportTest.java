package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.io.ModelFormatException;
import dev.lamina.layers.Layer;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by Keras 3.15.1 (see src/test/resources/keras/README.md and make_fixtures.py):
 * Lamina's predictions match Keras' own {@code model.predict} outputs.
 */
class KerasImportTest {
    private static Path resource(String name) throws Exception {
        return Path.of(KerasImportTest.class.getResource("/keras/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras-3.15.1_generated_all-layers.keras", "keras-3.15.1_lesson_concrete-bn-dense.keras",
            "keras-3.15.1_lesson_concrete-bn-dense.legacy.h5", "keras-3.15.1_embedding-flatten-dense.keras"})
    void predictionsMatchKeras(String file) throws Exception {
        Sequential m = KerasImport.load(resource(file));
        float[][] x = Fixtures.csv(resource(file + ".input.csv"));
        float[][] expected = Fixtures.csv(resource(file + ".expected.csv"));
        Fixtures.assertMatches(expected, m.predict(Tensor.of(x)), file);
    }

    /**
     * Files of {@code keras/more} (its README.md and make_more_fixtures.py): Normalization, rms_scaling,
     * non-ASCII names, the activation layers, RMSNormalization and UnitNormalization, Rescaling and the activity
     * regularizers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"keras-3.15.1_normalization-adapted-rms-scaling.keras",
            "keras-3.15.1_normalization-adapted-rms-scaling.legacy.h5", "keras-3.15.1_normalization-given.keras",
            "keras-3.15.1_normalization-given.legacy.h5", "keras-3.15.1_non-ascii-names.legacy.h5",
            "keras-3.15.1_activation-layers.keras", "keras-3.15.1_activation-layers.legacy.h5",
            "keras-3.15.1_rms-unit-normalization.keras", "keras-3.15.1_rms-unit-normalization.legacy.h5",
            "keras-3.15.1_rescaling-activity.keras", "keras-3.15.1_rescaling-activity.legacy.h5"})
    void morePredictionsMatchKeras(String file) throws Exception {
        Sequential m = KerasImport.load(resource("more/" + file));
        float[][] x = Fixtures.csv(resource("more/" + file + ".input.csv"));
        float[][] expected = Fixtures.csv(resource("more/" + file + ".expected.csv"));
        Fixtures.assertMatches(expected, m.predict(Tensor.of(x)), file);
    }

    @Test
    void dtypePoliciesAreReadInBothForms() throws Exception {
        var json = KerasImport.JSON;
        assertEquals("mixed_bfloat16", KerasConfig.dtypePolicy(json.readTree(
                "{\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"mixed_bfloat16\"}}")));
        assertEquals("float16", KerasConfig.dtypePolicy(json.readTree("\"float16\"")));
        assertEquals(null, KerasConfig.dtypePolicy(json.readTree("{}")));
    }

    @Test
    void theLessonsConcreteModelHasKerasCounts() throws Exception {
        Sequential m = KerasImport.load(resource("keras-3.15.1_lesson_concrete-bn-dense.keras"));
        assertTrue(m.summary().contains(" Total params: 536,609"), m.summary());
        assertTrue(m.summary().contains(" Non-trainable params: 3,088"), m.summary());
        assertEquals(List.of("BatchNormalization", "Dense", "BatchNormalization", "Dense", "BatchNormalization", "Dense",
                "BatchNormalization", "Dense"), m.layers().stream().map(Layer::className).toList());
    }

    @Test
    void otherFilesAreRefusedClearly(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("model.keras"), "not a model");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasImport.load(text));
        assertTrue(e.getMessage().contains("neither a .keras zip nor an HDF5 file"), e.getMessage());
        // A config with a Lambda layer: the class is named and nothing is run.
        Path src = resource("keras-3.15.1_generated_all-layers.keras");
        byte[] bytes = Files.readAllBytes(src);
        java.util.Map<String, byte[]> members = new java.util.LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            java.util.zip.ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                members.put(entry.getName(), zip.readAllBytes());
            }
        }
        String cfg = new String(members.get("config.json"), java.nio.charset.StandardCharsets.UTF_8);
        members.put("config.json", cfg.replaceFirst("\"class_name\": \"Activation\"", "\"class_name\": \"Lambda\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path lambda = dir.resolve("lambda.keras");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(lambda))) {
            for (var m : members.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(m.getKey()));
                out.write(m.getValue());
                out.closeEntry();
            }
        }
        ModelFormatException l = assertThrows(ModelFormatException.class, () -> KerasImport.load(lambda));
        assertTrue(l.getMessage().contains("(Lambda) is not a layer Lamina has"), l.getMessage());
    }
}
