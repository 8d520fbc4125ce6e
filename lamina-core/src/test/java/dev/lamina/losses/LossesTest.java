package dev.lamina.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Loss values and gradients against Keras 3.15.1 in float64 ({@code tools/reference/activations_losses.py}). */
class LossesTest {
    static Stream<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        Reference.load("losses.json").get("cases").forEach(out::add);
        return out.stream();
    }

    static Loss make(JsonNode c) {
        JsonNode cfg = c.get("config");
        boolean logits = cfg.path("from_logits").asBoolean(false);
        double smoothing = cfg.path("label_smoothing").asDouble(0);
        return switch (c.get("name").asText()) {
            case "binary_crossentropy" -> new BinaryCrossentropy(logits, smoothing);
            case "categorical_crossentropy" -> new CategoricalCrossentropy(logits, smoothing);
            case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropy(logits);
            case "huber" -> new Huber(cfg.path("delta").asDouble(1.0));
            default -> Losses.get(c.get("name").asText());
        };
    }

    @ParameterizedTest
    @MethodSource("cases")
    void valueAndGradientMatchKeras(JsonNode c) {
        Loss loss = make(c);
        Tensor yTrue = Reference.tensor(c.get("y_true"));
        Tensor yPred = Reference.tensor(c.get("y_pred"));
        Tensor grad = Tensor.zeros(yPred.shape());
        double value = loss.compute(yTrue, yPred, grad);
        String what = c.get("name").asText() + " " + c.get("config");
        assertEquals(c.get("loss").asDouble(), value, 1e-6 * Math.max(1, Math.abs(value)), what);
        double[][] g = Reference.matrix(c.get("grad"));
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g[i].length; j++) {
                assertEquals(g[i][j], grad.get(i, j), 1e-6 * Math.max(1, Math.abs(g[i][j])),
                        what + " grad[" + i + "][" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(JsonNode c) {
        Loss loss = make(c);
        Tensor yTrue = Reference.tensor(c.get("y_true"));
        Tensor yPred = Reference.tensor(c.get("y_pred"));
        Tensor grad = Tensor.zeros(yPred.shape());
        loss.compute(yTrue, yPred, grad);
        for (int i = 0; i < yPred.size(); i++) {
            float saved = yPred.data()[i];
            // A step relative to the value keeps the truncation error small for small probabilities.
            double eps = 1e-3 * Math.max(Math.abs(saved), 0.01);
            yPred.data()[i] = (float) (saved + eps);
            double plus = loss.compute(yTrue, yPred, null);
            yPred.data()[i] = (float) (saved - eps);
            double minus = loss.compute(yTrue, yPred, null);
            yPred.data()[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            double analytic = grad.data()[i];
            assertEquals(numeric, analytic, 2e-3 * Math.max(Math.abs(numeric), 1e-2), c.get("name") + "[" + i + "]");
        }
    }

    @Test
    void crossEntropyIsStableForConfidentWrongPredictions() {
        Tensor t = Tensor.column(1f, 0f);
        Tensor logits = Tensor.column(-500f, 500f);
        double v = new BinaryCrossentropy(true, 0).compute(t, logits, Tensor.zeros(2, 1));
        assertEquals(500, v, 1e-9);
        Tensor probs = Tensor.column(0f, 1f);
        double clipped = new BinaryCrossentropy().compute(t, probs, Tensor.zeros(2, 1));
        // Keras clips to [1e-7, 1 - 1e-7] in float32, where 1 - 1e-7 is 1 - 1.19e-7 (see KerasParityTest).
        assertEquals((-Math.log(1e-7f) - Math.log(1 - (double) (1f - 1e-7f))) / 2, clipped, 1e-6);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.get("mse").compute(Tensor.zeros(4, 2), Tensor.zeros(4, 1), null));
        assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("[4, 1]"), e.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.column(0f, 5f), Tensor.zeros(2, 3), null));
        assertTrue(label.getMessage().contains("row 1 has label 5.0"), label.getMessage());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("msee"));
        assertTrue(e.getMessage().contains("Unknown loss 'msee'") && e.getMessage().contains("mean_squared_error"),
                e.getMessage());
    }
}
