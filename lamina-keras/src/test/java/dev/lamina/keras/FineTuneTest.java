package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.layers.Parameter;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Adam;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.SGD;
import dev.lamina.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fine-tuning an imported model continues as Keras would: one step of SGD (momentum 0.9) or Adam on
 * one full batch, shuffling off, from a model Keras 3.15.1 saved, gives the weights and
 * BatchNormalization moving statistics Keras computed (tools/reference/keras_one_step.py).
 */
class FineTuneTest {
    private static Tensor matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new float[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = (float) rows.get(i).get(j).asDouble();
            }
        }
        return Tensor.of(m);
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n.asDouble());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void oneStepMatchesKeras(String name) throws Exception {
        Path dir = Path.of(FineTuneTest.class.getResource("/finetune/" + name + ".keras").toURI()).getParent();
        Sequential m = KerasImport.load(dir.resolve(name + ".keras"));
        JsonNode expected = new ObjectMapper().readTree(dir.resolve(name + ".expected.json").toFile());
        Optimizer opt = name.equals("sgd") ? SGD.of(0.05).momentum(0.9) : Adam.of(0.01);
        m.compile(opt, Losses.get("mse"));
        m.fit(matrix(expected.get("x")), matrix(expected.get("y")),
                FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0));
        assertWeights(expected, m, 2e-6);
    }

    private static void assertWeights(JsonNode expected, Sequential m, double tolerance) {
        List<Parameter> ws = m.weights();
        List<String> order = new java.util.ArrayList<>();
        expected.get("order").forEach(n -> order.add(n.asText()));
        assertEquals(order.size(), ws.size());
        for (int i = 0; i < ws.size(); i++) {
            List<Double> e = new java.util.ArrayList<>();
            flatten(expected.get("weights").get(order.get(i)), e);
            float[] actual = ws.get(i).value().data();
            assertEquals(e.size(), actual.length, order.get(i));
            for (int k = 0; k < actual.length; k++) {
                assertEquals(e.get(k), actual[k], tolerance * Math.max(1, Math.abs(e.get(k))), order.get(i) + "[" + k + "]");
            }
        }
    }

    /**
     * Activity regularizers (on a Dense layer, on a BatchNormalization, an ActivityRegularization layer)
     * train as in Keras: the step's reported loss includes their penalties divided by the batch's rows,
     * their gradients reach the weights below them, and evaluate() counts them too
     * (tools/reference/keras_activity_regularization.py). Without the penalties every number differs.
     */
    @Test
    void activityRegularizersTrainAsInKeras() throws Exception {
        Path dir = Path.of(FineTuneTest.class.getResource("/finetune/activity.keras").toURI()).getParent();
        Sequential m = KerasImport.load(dir.resolve("activity.keras"));
        assertEquals(List.of(true, true, true, true), m.layers().stream().map(l -> l.activityRegularizer() != null)
                .toList());
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("activity.expected.json").toFile());
        m.compile(SGD.of(0.05).momentum(0.9), Losses.get("mse"));
        Tensor x = matrix(expected.get("x"));
        Tensor y = matrix(expected.get("y"));
        double loss = m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0))
                .get("loss").get(0);
        assertEquals(expected.get("loss").asDouble(), loss, 1e-5 * expected.get("loss").asDouble());
        assertWeights(expected, m, 1e-5);
        double evaluated = m.evaluate(x, y, 16).get("loss");
        assertEquals(expected.get("evaluate_loss").asDouble(), evaluated, 1e-5 * evaluated);
        assertTrue(Math.abs(expected.get("plain_loss").asDouble() - loss) > 0.1, "the penalties are visible in the loss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void keras3WeightsFileLoadsOntoTheModel(String name) throws Exception {
        Path dir = Path.of(FineTuneTest.class.getResource("/finetune/" + name + ".keras").toURI()).getParent();
        Sequential m = KerasImport.load(dir.resolve(name + ".keras"));
        KerasImport.loadWeights(m, dir.resolve(name + ".after.weights.h5"));
        JsonNode expected = new ObjectMapper().readTree(dir.resolve(name + ".expected.json").toFile());
        List<Parameter> ws = m.weights();
        for (int i = 0; i < ws.size(); i++) {
            List<Double> e = new java.util.ArrayList<>();
            flatten(expected.get("weights").get(expected.get("order").get(i).asText()), e);
            for (int k = 0; k < e.size(); k++) {
                assertEquals((float) (double) e.get(k), ws.get(i).value().data()[k], 0f);
            }
        }
    }
}
