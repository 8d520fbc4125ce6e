package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.io.ModelFormatException;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files from real projects, written by Keras 2.0.9 to 3.13.2 (see
 * src/test/resources/keras/redistributable/PROVENANCE.md): predictions match the recorded outputs,
 * and the files Lamina cannot run are refused with the layer and class named.
 */
class RealFilesTest {
    private static Path resource(String name) throws Exception {
        return Path.of(RealFilesTest.class.getResource("/keras/redistributable/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras-2.0.9_dl4j_dense-relu-softmax-adam.h5", "keras-2.1.3_dl4j_dense-arange.h5",
            "keras-3.13.2_gradadmit_dense.keras", "keras-3.13.2_gradadmit_dense.legacy.h5",
            "keras-3.9.2_flownet_dense-dropout-leakyrelu.keras", "keras-3.9.2_flownet_dense.keras"})
    void predictionsMatchTheRecordedOutputs(String file) throws Exception {
        Sequential m = KerasImport.load(resource(file));
        float[][] x = Fixtures.csv(resource(file + ".input.csv"));
        float[][] expected = Fixtures.csv(resource(file + ".expected.csv"));
        Fixtures.assertMatches(expected, m.predict(Tensor.of(x)), file);
    }

    @ParameterizedTest
    @CsvSource({"keras-3.8.0_keras-repo_masking-lstm.UNSUPPORTED.keras,Masking",
            "keras-3.15.0_keras-repo_nested-subclass.UNSUPPORTED.keras,NestedDenseModel",
            "keras-2.1.3_dl4j_conv2d-batchnorm.UNSUPPORTED.h5,Conv2D"})
    void unsupportedFilesAreRefusedNamingTheClass(String file, String cls) throws Exception {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasImport.load(resource(file)));
        assertTrue(e.getMessage().contains(cls), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void keras2WeightsOnlyFileOntoAModelFromItsConfig() throws Exception {
        Sequential m = KerasImport.fromConfig(resource("keras-2.0.6_dl4j_mnist-mlp.config.json"));
        KerasImport.loadWeights(m, resource("keras-2.0.6_dl4j_mnist-mlp.weights-only.h5"));
        String file = "keras-2.0.6_dl4j_mnist-mlp.weights-only.h5";
        float[][] x = Fixtures.csv(resource(file + ".input.csv"));
        float[][] expected = Fixtures.csv(resource(file + ".expected.csv"));
        Fixtures.assertMatches(expected, m.predict(Tensor.of(x)), file);
    }

    @org.junit.jupiter.api.Test
    void outputsKerasItselfRecorded() throws Exception {
        // 2872 rows that a project fed its Keras 3.9.2 model, with Keras' own predictions.
        String file = "keras-3.9.2_flownet_dense-dropout-leakyrelu.keras";
        Sequential m = KerasImport.load(resource(file));
        Fixtures.assertClose(Fixtures.csv(resource(file + ".keras-recorded.output.csv")),
                m.predict(Tensor.of(Fixtures.csv(resource(file + ".keras-recorded.input.csv")))), file);
        // 100 MNIST rows with Keras 2.0.6's predictions, stored by Keras in HDF5.
        Sequential mnist = KerasImport.fromConfig(resource("keras-2.0.6_dl4j_mnist-mlp.config.json"));
        KerasImport.loadWeights(mnist, resource("keras-2.0.6_dl4j_mnist-mlp.weights-only.h5"));
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(resource("keras-2.0.6_dl4j_mnist-mlp.keras-recorded.inputs_and_outputs.h5"))) {
            float[][] in = (float[][]) h5.getDatasetByPath("inputs/dense_1_input").getData();
            float[][] out = (float[][]) h5.getDatasetByPath("predictions/dense_3").getData();
            Fixtures.assertClose(out, mnist.predict(Tensor.of(in)), "mnist");
        }
    }

    /**
     * The generated files too big for the repository (8.5 MB each) are read from the workspace's
     * shared/ folder beside the clone. Where there is none the test is skipped, unless
     * {@code LAMINA_REQUIRE_SHARED=1} (set by .ci/run whenever ../shared exists) makes it fail.
     */
    @ParameterizedTest
    @ValueSource(strings = {"keras-3.15.1_lesson_redwine-dense-dropout-bn.keras",
            "keras-3.15.1_lesson_redwine-dense-dropout-bn.legacy.h5"})
    void theLessonsRedWineModelsFromShared(String file) throws Exception {
        Path dir = sharedGenerated();
        Sequential m = KerasImport.load(dir.resolve(file));
        Fixtures.assertClose(Fixtures.csv(dir.resolve(file + ".expected.csv")), m.predict(Tensor.of(Fixtures.csv(dir.resolve(file + ".input.csv")))),
                file);
        assertTrue(m.summary().contains("Total params: 2,124,801"));
    }

    static Path sharedGenerated() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("fixtures/keras/generated");
            if (Files.isDirectory(c)) {
                return c;
            }
            c = p.resolve("shared/fixtures/keras/generated");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        String message = "shared/fixtures/keras/generated was not found beside the project.";
        if ("1".equals(System.getenv("LAMINA_REQUIRE_SHARED"))) {
            throw new AssertionError(message);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
        return null;
    }
}
