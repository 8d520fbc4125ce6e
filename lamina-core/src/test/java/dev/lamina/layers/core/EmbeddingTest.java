package dev.lamina.layers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.models.FitOptions;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.SGD;
import dev.lamina.losses.Losses;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.Reference;
import dev.lamina.testing.GradientCheck;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Embedding and Flatten as Keras 3.15.1 has them: a Keras model config builds the same model, which
 * predicts Keras' numbers and, after 3 SGD steps, has Keras' weights and loss
 * ({@code tools/reference/keras_embedding.py}); the embeddings' gradient matches finite
 * differences; bad indices are named.
 */
class EmbeddingTest {
    private static JsonNode reference() throws Exception {
        try (InputStream in = EmbeddingTest.class.getResourceAsStream("embedding.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Sequential fromKeras(JsonNode ref) throws Exception {
        Sequential m = ModelFiles.fromConfigJson(ref.get("config").toString(), "embedding.json");
        List<float[]> w = new ArrayList<>();
        ref.get("initial").forEach(t -> w.add(Reference.flat(t)));
        m.setWeights(w);
        m.compile(SGD.of(0.2), Losses.get("mse"));
        return m;
    }

    @Test
    void aKerasEmbeddingModelPredictsAndTrainsAsInKeras() throws Exception {
        JsonNode ref = reference();
        Sequential m = fromKeras(ref);
        assertTrue(m.layers().get(0) instanceof Embedding && m.layers().get(1) instanceof Flatten);
        Tensor x = Reference.tensor(ref.get("x"));
        float[] expected = Reference.flat(ref.get("predictions"));
        float[] got = m.predict(x).data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-6, "prediction " + i);
        }
        var h = m.fit(x, Reference.tensor(ref.get("y")),
                FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0));
        assertEquals(ref.get("loss").asDouble(), h.last("loss"), 1e-6);
        for (int k = 0; k < ref.get("final").size(); k++) {
            float[] e = Reference.flat(ref.get("final").get(k));
            float[] a = m.getWeights().get(k);
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-6, "weight " + k + "[" + i + "]");
            }
        }
    }

    @Test
    void theEmbeddingsGradientIsTheLossSlope() throws Exception {
        Sequential m = fromKeras(reference());
        Tensor x = Tensor.of(new float[][] {{1, 1, 6}, {0, 3, 1}});
        Tensor y = Tensor.of(new float[][] {{0.5f, -1}, {2, 0}});
        var g = m.computeGradients(x, y, m.newGradients());
        float[] table = m.layers().get(0).weights().get(0).value().data();
        double eps = 1e-3;
        for (int i : new int[] {4, 5, 12, 27, 0}) { // rows 1 (used three times), 3, 6, and 0 (used once)
            float keep = table[i];
            table[i] = (float) (keep + eps);
            double up = m.evaluate(x, y, 2).get("loss");
            table[i] = (float) (keep - eps);
            double down = m.evaluate(x, y, 2).get("loss");
            table[i] = keep;
            assertEquals((up - down) / (2 * eps), g.values(0)[i], 2e-3, "embeddings[" + i + "]");
        }
        assertEquals(0f, g.values(0)[2 * 4 + 1], "row 2 is not used, so its gradient is 0");
    }

    @Test
    void flattenPassesGradientsThrough() {
        Flatten f = Flatten.of();
        f.build(Shape.of(3, 2));
        new GradientCheck().check(f, GradientCheck.input(4, 6, 3, 0).reshape(4, 3, 2));
    }

    @Test
    void anIndexOutsideTheTableIsNamed() {
        Embedding e = Embedding.of(5, 2);
        e.build(Shape.of(2));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.forward(Tensor.of(new float[][] {{1, 2}, {4, 5}}), dev.lamina.layers.Mode.INFERENCE));
        assertTrue(ex.getMessage().contains("row 1, input 1 is 5.0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> e.forward(Tensor.of(new float[][] {{1.5f, 2}}), dev.lamina.layers.Mode.INFERENCE));
    }
}
