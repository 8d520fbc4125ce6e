package dev.lamina.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.testing.Reference;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values and gradients against Keras 3.15.1 (JAX backend, float64), from
 * {@code tools/reference/activations_losses.py}.
 */
class ActivationsTest {
    private static final JsonNode REF = Reference.load("activations.json");

    static Stream<String> names() {
        List<String> names = new java.util.ArrayList<>();
        REF.get("cases").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void valuesAndGradientsMatchKeras(String name) {
        ActivationFunction f = Activations.get(name);
        double[][] x = Reference.matrix(REF.get("x"));
        double[][] proj = Reference.matrix(REF.get("projection"));
        double[][] yRef = Reference.matrix(REF.get("cases").get(name).get("y"));
        double[][] gRef = Reference.matrix(REF.get("cases").get(name).get("grad"));
        int rows = x.length;
        int cols = x[0].length;
        float[] xs = new float[rows * cols];
        float[] dy = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                xs[i * cols + j] = (float) x[i][j];
                dy[i * cols + j] = (float) proj[i][j];
            }
        }
        float[] y = new float[xs.length];
        float[] dx = new float[xs.length];
        f.apply(xs, y, rows, cols);
        f.gradient(xs, y, dy, dx, rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double ey = yRef[i][j];
                double eg = gRef[i][j];
                assertEquals(ey, y[i * cols + j], 2e-6 * Math.max(1, Math.abs(ey)), name + " y[" + i + "][" + j + "]");
                assertEquals(eg, dx[i * cols + j], 2e-6 * Math.max(1, Math.abs(eg)), name + " dx[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void everyBuiltInIsCoveredByTheReference() {
        // This reference, or the parity one (points, kinks and extremes; see KerasParityTest).
        JsonNode parity = Reference.load("keras_parity_jax.json");
        for (String name : Activations.names()) {
            if (!name.equals("keras2_hard_sigmoid")) {
                String canonical = name.equals("hard_swish") ? "hard_silu" : name;
                assertTrue(REF.get("cases").has(name) || parity.get("activations").has(canonical)
                        || parity.has(canonical), "no Keras reference for " + name);
            }
        }
        // Keras 2's hard sigmoid, by hand: clip(0.2 x + 0.5, 0, 1).
        float[] x = {-3f, -1f, 0f, 2f, 3f};
        float[] y = new float[5];
        Activations.get("keras2_hard_sigmoid").apply(x, y, 1, 5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 0.3f, 0.5f, 0.9f, 1f}, y, 1e-7f);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("rleu"));
        assertTrue(e.getMessage().contains("Unknown activation 'rleu'"), e.getMessage());
        assertTrue(e.getMessage().contains("relu") && e.getMessage().contains("softmax"), e.getMessage());
    }

    @Test
    void extremeInputsStayFinite() {
        float[] x = {-1000f, 1000f, -88f, 88f};
        for (String name : new String[] {"sigmoid", "softplus", "silu", "tanh", "softmax", "gelu", "elu", "selu"}) {
            float[] y = new float[4];
            Activations.get(name).apply(x, y, 1, 4);
            for (float v : y) {
                assertTrue(Float.isFinite(v), name + " gave " + v);
            }
        }
    }
}
