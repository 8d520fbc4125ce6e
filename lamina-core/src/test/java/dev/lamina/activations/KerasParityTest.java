package dev.lamina.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.layers.Mode;
import dev.lamina.layers.core.LeakyReLU;
import dev.lamina.losses.Losses;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Every activation against Keras 3.15.1's values and gradients, kinks and extremes included; the
 * cross-entropies' float32 clip; Huber's name ({@code tools/reference/keras_activations_parity.py}).
 * Off the kinks both backends agree; at a kink Lamina follows TensorFlow (Keras' default backend),
 * so JAX's gradients are checked where the two backends agree.
 */
class KerasParityTest {
    private static JsonNode load(String name) throws Exception {
        try (InputStream in = KerasParityTest.class.getResourceAsStream("/reference/" + name)) {
            return in == null ? null : new ObjectMapper().readTree(in);
        }
    }

    /** Checks {@code ref}; its gradients only where {@code other} (another backend's, or null) agrees. */
    private static void check(JsonNode ref, JsonNode other) {
        JsonNode points = ref.get("points");
        int n = points.size();
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) points.get(i).asDouble();
        }
        ref.get("activations").fields().forEachRemaining(e -> {
            String name = e.getKey();
            ActivationFunction f = Activations.get(name);
            float[] y = new float[n];
            float[] dx = new float[n];
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            f.apply(x, y, 0, 1, n);
            f.gradient(x, y, ones, dx, 0, 1, n);
            for (int i = 0; i < n; i++) {
                double v = e.getValue().get("values").get(i).asDouble();
                assertEquals(v, y[i], 2e-6 * Math.max(1, Math.abs(v)), name + "(" + x[i] + ")");
                double g = e.getValue().get("gradients").get(i).asDouble();
                if (other != null && other.get("activations").get(name).get("gradients").get(i).asDouble() != g) {
                    continue; // a kink where the backends differ
                }
                assertEquals(g, dx[i], 2e-6 * Math.max(1, Math.abs(g)), name + "'(" + x[i] + ")");
            }
        });
        JsonNode layer = ref.get("leaky_relu_layer");
        LeakyReLU l = LeakyReLU.of(layer.get("negative_slope").asDouble());
        l.build(Shape.of(n));
        Tensor out = l.forward(Tensor.wrap(x.clone(), 1, n), Mode.TRAINING);
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        l.setComputeInputGradient(true);
        Tensor g = l.backward(Tensor.wrap(ones, 1, n));
        for (int i = 0; i < n; i++) {
            assertEquals(layer.get("values").get(i).asDouble(), out.data()[i], 2e-6, "LeakyReLU(" + x[i] + ")");
            double lg = layer.get("gradients").get(i).asDouble();
            if (other == null || other.get("leaky_relu_layer").get("gradients").get(i).asDouble() == lg) {
                assertEquals(lg, g.data()[i], 2e-6, "LeakyReLU'(" + x[i] + ")");
            }
        }
    }

    @Test
    void activationsMatchKerasOnJax() throws Exception {
        check(load("keras_parity_jax.json"), load("keras_parity_tensorflow.json"));
    }

    @Test
    void activationsMatchKerasOnTensorFlowAtTheKinksToo() throws Exception {
        JsonNode ref = load("keras_parity_tensorflow.json");
        assertNotNull(ref, "keras_parity_tensorflow.json: run tools/reference/keras_activations_parity.py on TensorFlow");
        check(ref, null);
    }

    @Test
    void sparsemaxIsKerassOwn() throws Exception {
        for (String file : new String[] {"keras_parity_jax.json", "keras_parity_tensorflow.json"}) {
            rowWise(load(file).get("sparsemax"), "sparsemax");
        }
    }

    private static void rowWise(JsonNode ls, String name) {
        int rows = ls.get("x").size();
        int cols = ls.get("x").get(0).size();
        float[] x = new float[rows * cols];
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = (float) ls.get("x").get(r).get(c).asDouble();
                w[r * cols + c] = (float) ls.get("w").get(r).get(c).asDouble();
            }
        }
        ActivationFunction f = Activations.get(name);
        float[] y = new float[x.length];
        float[] dx = new float[x.length];
        f.apply(x, y, 0, rows, cols);
        f.gradient(x, y, w, dx, 0, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = ls.get("values").get(r).get(c).asDouble();
                double g = ls.get("gradients").get(r).get(c).asDouble();
                assertEquals(v, y[r * cols + c], 2e-6 * Math.max(1, Math.abs(v)), name + "[" + r + "," + c + "]");
                assertEquals(g, dx[r * cols + c], 2e-6 * Math.max(1, Math.abs(g)), name + "'[" + r + "," + c + "]");
            }
        }
    }

    @Test
    void logSoftmaxAndTheCrossEntropiesClipAsKerasDoes() throws Exception {
        JsonNode ref = load("keras_parity_jax.json");
        rowWise(ref.get("log_softmax"), "log_softmax");
        for (String loss : new String[] {"binary_crossentropy", "categorical_crossentropy"}) {
            JsonNode b = ref.get(loss);
            Tensor t = matrix(b.get("y_true"));
            Tensor p = matrix(b.get("y_pred"));
            assertEquals(b.get("loss").asDouble(), Losses.get(loss).compute(t, p, null), 2e-5, loss);
        }
        assertEquals(ref.get("huber_name").asText(), Losses.get("huber").name());
        assertEquals("Huber", Losses.get("huber_loss").className());
    }

    private static Tensor matrix(JsonNode rows) {
        int r = rows.size();
        int c = rows.get(0).size();
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                d[i * c + j] = (float) rows.get(i).get(j).asDouble();
            }
        }
        return Tensor.wrap(d, r, c);
    }
}
