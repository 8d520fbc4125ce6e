package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Names;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SequentialTest {
    @BeforeEach
    void resetNames() {
        Names.reset();
    }

    private static Sequential lessonModel() {
        return Sequential.of(Input.of(11), Dense.of(1024, "relu"), Dense.of(1024, "relu"), Dense.of(1024, "relu"),
                Dense.of(1));
    }

    @Test
    void summaryOfTheLessonModelCountsKerasParams() {
        Sequential model = lessonModel();
        assertEquals(2_112_513, model.countParams());
        String s = model.summary();
        assertTrue(s.startsWith("Model: \"sequential\"\n"), s);
        assertTrue(s.contains("│ dense (Dense)"), s);
        assertTrue(s.contains("│ dense_3 (Dense)"), s);
        assertTrue(s.contains("(None, 1024)"), s);
        assertTrue(s.contains("12,288 │"), s);
        assertTrue(s.contains("1,049,600 │"), s);
        assertTrue(s.contains(" Total params: 2,112,513 (8.06 MB)\n"), s);
        assertTrue(s.contains(" Trainable params: 2,112,513 (8.06 MB)\n"), s);
        assertTrue(s.contains(" Non-trainable params: 0 (0.00 B)\n"), s);
        long rows = s.lines().filter(l -> l.startsWith("│")).count();
        assertEquals(4, rows);
        model.layers().get(0).setTrainable(false);
        assertTrue(model.summary().contains(" Non-trainable params: 12,288 (48.00 KB)"), model.summary());
    }

    @Test
    void predictRunsInBatchesAndMatchesOneBigBatch() {
        Sequential model = Sequential.of(Input.of(3), Dense.of(4, "tanh"), Dense.of(2)).seed(1);
        Tensor x = dev.lamina.testing.GradientCheck.input(70, 3, 5, 0);
        Tensor a = model.predict(x, 32);
        Tensor b = model.predict(x, 70);
        assertEquals(a.shape(), b.shape());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.data()[i], a.data()[i], 1e-6);
        }
    }

    @Test
    void modelBuildsFromTheDataWithoutInput() {
        Sequential model = new Sequential();
        model.add(Dense.of(3, "relu"));
        model.add(Activation.of("tanh"));
        model.add(Dense.of(1));
        model.compile("adam", "mse");
        model.fit(new float[][] {{1, 2}, {3, 4}}, new float[][] {{1}, {2}}, FitOptions.defaults().verbose(0));
        assertTrue(model.built());
        assertEquals(2, model.inputShape().dim(0));
        assertEquals(3 * 2 + 3 + 3 + 1, model.countParams());
    }

    private static void assertMessage(Executable e, String... parts) {
        Throwable t = assertThrows(RuntimeException.class, e);
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message lacks '" + p + "': " + t.getMessage());
        }
    }

    @Test
    void badInputGetsClearMessages() {
        Sequential model = Sequential.of(Input.of(2), Dense.of(4, "relu"), Dense.of(1));
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor y = Tensor.column(1, 2, 3);
        FitOptions quiet = FitOptions.defaults().verbose(0);
        assertMessage(() -> model.fit(x, y, quiet), "not compiled", "compile(optimizer, loss");
        model.compile(new Adam(), Losses.get("mse"));
        assertMessage(() -> model.fit(x, Tensor.column(1, 2), quiet), "x has 3 rows but y has 2");
        Tensor nan = x.copy();
        nan.set(1, 1, Float.NaN);
        assertMessage(() -> model.fit(nan, y, quiet), "x row 1, column 1 is NaN");
        Tensor inf = y.copy();
        inf.set(2, 0, Float.POSITIVE_INFINITY);
        assertMessage(() -> model.fit(x, inf, quiet), "y row 2, column 0 is Infinity");
        assertMessage(() -> model.fit(Tensor.of(new float[][] {{1, 2, 3}}), Tensor.column(1), quiet),
                "x has shape [1, 3]", "expects inputs of shape (None, 2)", "Dense 'dense'");
        assertMessage(() -> model.fit(x, Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}), quiet),
                "y has shape [3, 2]", "Dense 'dense_1'", "(None, 1)");
        assertMessage(() -> model.fit(null, y, quiet), "x must not be null");
        assertMessage(() -> quiet.batchSize(0), "'batch_size'", "a positive integer", "received 0");
        assertMessage(() -> quiet.epochs(-1), "'epochs'", "received -1");
        assertMessage(() -> model.compile("adamm", "mse"), "Unknown optimizer 'adamm'", "adam, adamw");
        assertMessage(() -> model.compile("adam", "mse_loss"), "Unknown loss 'mse_loss'", "mean_squared_error");
        assertMessage(() -> model.compile("adam", "mse", "accuarcy"), "Unknown metric 'accuarcy'", "accuracy");
        assertMessage(() -> Dense.of(3, "relux"), "Unknown activation 'relux'", "relu");
        assertMessage(() -> quiet.validationSplit(1.0), "'validation_split'", "[0, 1)");
        assertMessage(() -> model.fit(Tensor.of(new float[][] {{1, 2}}), Tensor.column(1), quiet.validationSplit(0.5)),
                "leaves 0 for training and 1 for validation");
        Sequential unbuilt = Sequential.of(Dense.of(1));
        assertMessage(() -> unbuilt.predict(x), "is not built", "before predict");
        assertMessage(() -> unbuilt.evaluate(x, y), "is not compiled");
        assertMessage(() -> Sequential.of(Dense.of(1), Input.of(2)), "an Input must be the first layer");
        Dense shared = Dense.of(2);
        assertMessage(() -> Sequential.of(shared, shared), "already has a layer named");
    }

    @Test
    void emptyDataIsRefused() {
        Sequential model = Sequential.of(Input.of(2), Dense.of(1));
        model.compile("sgd", "mse");
        Tensor empty = Tensor.zeros(1, 2).reshape(1, 2);
        // A Tensor cannot have zero rows, so emptiness reaches fit only as an empty array of rows.
        assertMessage(() -> model.fit(new float[0][], new float[0][], FitOptions.defaults()), "empty");
        assertEquals(1, empty.rows());
    }

    @Test
    void evaluateReportsLossAndMetricsByName() {
        Sequential model = Sequential.of(Input.of(1), Dense.builder(1)
                .kernelInitializer(dev.lamina.initializers.Constant.ONES).build());
        model.compile("sgd", "mse", "mae");
        Map<String, Double> r = model.evaluate(Tensor.column(1, 2, 3), Tensor.column(2, 2, 2));
        assertEquals((1 + 0 + 1) / 3.0, r.get("loss"), 1e-7);
        assertEquals((1 + 0 + 1) / 3.0, r.get("mae"), 1e-7);
    }

    @Test
    void initialEpochResumesTheCount() {
        Sequential model = Sequential.of(Input.of(2), Dense.of(1)).seed(2);
        model.compile("sgd", "mse");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        dev.lamina.callbacks.History h = model.fit(new float[][] {{1, 2}, {3, 4}}, new float[][] {{1}, {2}},
                FitOptions.defaults().epochs(4).initialEpoch(2).verbose(2)
                        .out(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(java.util.List.of(2, 3), h.epochs());
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("Epoch 3/4\n"));
    }

    @Test
    void aLayerBuiltForOtherInputsNamesItselfAndBothShapes() {
        Dense hidden = Dense.builder(4).name("hidden").build();
        hidden.build(dev.lamina.tensor.Shape.of(3));
        Sequential model = new Sequential();
        model.add(Dense.of(5));
        model.add(hidden);
        assertMessage(() -> model.build(2), "Dense 'hidden' was built for inputs of shape [3] and cannot take [5]");
    }

    @Test
    void inputPassesValuesAndGradientsThrough() {
        Input in = Input.of(3);
        in.build(dev.lamina.tensor.Shape.of(3));
        new dev.lamina.testing.GradientCheck().check(in, dev.lamina.testing.GradientCheck.input(2, 3, 1, 0));
    }
}
