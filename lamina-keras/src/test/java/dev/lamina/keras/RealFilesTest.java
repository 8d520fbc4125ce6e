package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.io.ModelFormatException;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private static float[][] csv(Path p) throws Exception {
        List<float[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(p);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] f = line.split(",");
                float[] v = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Float.parseFloat(f[i]);
                }
                rows.add(v);
            }
        }
        return rows.toArray(new float[0][]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras-2.0.9_dl4j_dense-relu-softmax-adam.h5", "keras-2.1.3_dl4j_dense-arange.h5",
            "keras-3.13.2_gradadmit_dense.keras", "keras-3.13.2_gradadmit_dense.legacy.h5",
            "keras-3.9.2_flownet_dense-dropout-leakyrelu.keras", "keras-3.9.2_flownet_dense.keras"})
    void predictionsMatchTheRecordedOutputs(String file) throws Exception {
        Sequential m = KerasImport.load(resource(file));
        float[][] x = csv(resource(file + ".input.csv"));
        float[][] expected = csv(resource(file + ".expected.csv"));
        Tensor y = m.predict(Tensor.of(x));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], y.get(i, j), 1e-5 * Math.max(1, Math.abs(expected[i][j])),
                        file + " row " + i + " col " + j);
            }
        }
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
        float[][] x = csv(resource(file + ".input.csv"));
        float[][] expected = csv(resource(file + ".expected.csv"));
        Tensor y = m.predict(Tensor.of(x));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], y.get(i, j), 1e-5 * Math.max(1, Math.abs(expected[i][j])), "row " + i);
            }
        }
    }
}
