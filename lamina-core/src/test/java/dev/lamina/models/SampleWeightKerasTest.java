package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.SGD;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sample_weight} and {@code class_weight} against Keras 3.15.1: the same model, initial
 * weights and data fitted for one epoch of 3 batches give Keras' reported loss and metric, its
 * weights after the 3 steps, and its weighted evaluation (references from
 * {@code tools/reference/keras_sample_weights.py}).
 */
class SampleWeightKerasTest {
    private static JsonNode cases() throws IOException {
        try (InputStream in = SampleWeightKerasTest.class.getResourceAsStream("sample_weights.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    private static Sequential model(JsonNode c) {
        String activation = c.get("activation").isNull() ? null : c.get("activation").asText();
        Sequential m = Sequential.of(Input.of(4), Dense.of(5, "tanh"),
                activation == null ? Dense.of(c.get("units").asInt()) : Dense.of(c.get("units").asInt(), activation));
        m.compile(SGD.of(c.get("lr").asDouble()).momentum(0.5), Losses.get(c.get("loss").asText()),
                c.get("metric").asText());
        List<float[]> initial = new ArrayList<>();
        c.get("initial").forEach(w -> initial.add(Reference.flat(w)));
        m.setWeights(initial);
        return m;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 2e-6 + 2e-6 * Math.abs(expected), what);
    }

    @Test
    void weightedFitsAndEvaluationsMatchKeras() throws IOException {
        for (JsonNode c : cases()) {
            String name = c.get("name").asText();
            Sequential m = model(c);
            Tensor x = Reference.tensor(c.get("x"));
            Tensor y = Reference.tensor(c.get("y"));
            Tensor w = c.get("sample_weight").isNull() ? null : Tensor.wrap(Reference.flat(c.get("sample_weight")),
                    x.rows(), 1);
            FitOptions o = FitOptions.defaults().epochs(1).batchSize(4).shuffle(false).verbose(0);
            if (!c.get("class_weight").isNull()) {
                Map<Integer, Double> cw = new HashMap<>();
                c.get("class_weight").fields().forEachRemaining(e -> cw.put(Integer.parseInt(e.getKey()),
                        e.getValue().asDouble()));
                o = o.classWeight(cw);
            }
            Map<String, List<Double>> h = (w == null ? m.fit(x, y, o) : m.fit(x, y, w, o)).history();
            c.get("history").fields().forEachRemaining(e -> close(e.getValue().get(0).asDouble(),
                    h.get(e.getKey()).get(0), name + " history " + e.getKey()));
            JsonNode fin = c.get("final");
            for (int i = 0; i < fin.size(); i++) {
                float[] expected = Reference.flat(fin.get(i));
                float[] actual = m.getWeights().get(i);
                for (int j = 0; j < expected.length; j++) {
                    close(expected[j], actual[j], name + " weight " + i + "[" + j + "]");
                }
            }
            Map<String, Double> ev = w == null ? m.evaluate(x, y, 5) : m.evaluate(x, y, w, 5);
            c.get("evaluate").fields().forEachRemaining(e -> close(e.getValue().asDouble(), ev.get(e.getKey()),
                    name + " evaluate " + e.getKey()));
        }
    }

    @Test
    void sampleAndClassWeightsTogetherAreRefusedAsKerasRefusesThem() {
        Sequential m = Sequential.of(Input.of(2), Dense.of(1, "sigmoid"));
        m.compile("sgd", "binary_crossentropy");
        Tensor x = Tensor.zeros(4, 2);
        Tensor y = Tensor.zeros(4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y,
                Tensor.wrap(new float[] {1, 1, 1, 1}, 4, 1), FitOptions.defaults().verbose(0)
                        .classWeight(Map.of(1, 2.0))));
        assertTrue(e.getMessage().contains("class_weight"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y, Tensor.wrap(new float[] {1, -1, 1, 1}, 4,
                1), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }
}
