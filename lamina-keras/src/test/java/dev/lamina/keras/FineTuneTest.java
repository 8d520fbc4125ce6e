package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                assertEquals(e.get(k), actual[k], 2e-6 * Math.max(1, Math.abs(e.get(k))), order.get(i) + "[" + k + "]");
            }
        }
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
