package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.losses.Losses;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text target meets a loss and a last layer that can learn its classes, or one line says which would. */
class ClassTargetsTest {
    private static final List<String> THREE = List.of("bird", "cat", "spider");
    private static final List<String> TWO = List.of("no", "yes");

    private static String refusal(List<String> classes, String loss, int outputs) {
        return assertThrows(IllegalArgumentException.class,
                () -> ClassTargets.check("kind", classes, Losses.get(loss), outputs)).getMessage();
    }

    @Test
    void lossesAndLastLayersThatFitTheClassesPass() {
        assertDoesNotThrow(() -> ClassTargets.check("kind", THREE, Losses.get("sparse_categorical_crossentropy"), 3));
        assertDoesNotThrow(() -> ClassTargets.check("kind", TWO, Losses.get("sparse_categorical_crossentropy"), 2));
        assertDoesNotThrow(() -> ClassTargets.check("kind", TWO, Losses.get("binary_crossentropy"), 1));
    }

    @Test
    void regressionLossesOnClassLabelsAreRefusedWithTheLossThatFits() {
        for (String loss : List.of("mae", "mse", "huber", "log_cosh")) {
            String m = refusal(THREE, loss, 1);
            assertTrue(m.startsWith("'kind' holds class labels (3: bird, cat, spider), and "), m);
            assertTrue(m.endsWith("use --loss sparse_categorical_crossentropy with a last layer dense(3, softmax)."), m);
        }
        assertTrue(refusal(TWO, "mae", 1).endsWith(", or binary_crossentropy with dense(1, sigmoid)."));
    }

    @Test
    void crossEntropiesNeedTheirShapeOfLabels() {
        assertEquals("'kind' holds class labels (3: bird, cat, spider), so sparse_categorical_crossentropy needs a last"
                + " layer of 3 units, as dense(3, softmax); this model's has 1.",
                refusal(THREE, "sparse_categorical_crossentropy", 1));
        assertTrue(refusal(THREE, "binary_crossentropy", 1).contains("binary_crossentropy takes two classes"));
        assertTrue(refusal(TWO, "binary_crossentropy", 2).contains("needs a last layer of 1 unit"));
        assertTrue(refusal(THREE, "categorical_crossentropy", 3).contains("categorical_crossentropy expects one-hot"));
    }

    @Test
    void withoutALossTheClassesAndTheLastLayerChooseIt() {
        assertEquals("sparse_categorical_crossentropy", ClassTargets.lossFor("kind", THREE, 3, "softmax"));
        assertEquals("sparse_categorical_crossentropy", ClassTargets.lossFor("kind", TWO, 2, "softmax"));
        assertEquals("binary_crossentropy", ClassTargets.lossFor("kind", TWO, 1, "sigmoid"));
        assertEquals("'kind' holds class labels (3: bird, cat, spider): its model needs a last layer dense(3, softmax);"
                + " this model's last layer has 1 unit.", assertThrows(IllegalArgumentException.class,
                        () -> ClassTargets.lossFor("kind", THREE, 1, "")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassTargets.lossFor("kind", TWO, 1, "relu"))
                .getMessage().endsWith("needs a last layer dense(2, softmax) or dense(1, sigmoid) to give probabilities;"
                        + " this model's last layer has no sigmoid."));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassTargets.lossFor("kind", THREE, 3, "linear"))
                .getMessage().endsWith("this model's last layer has no softmax."));
    }

    private static Path animals(Path dir, List<String> kinds) throws Exception {
        Path csv = dir.resolve("animals" + kinds.size() + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("weight,kind\n");
            for (int i = 0; i < 60; i++) {
                w.write(String.format(Locale.ROOT, "%d.5,%s%n", i % kinds.size() * 10 + i % 7, kinds.get(i % kinds.size())));
            }
        }
        return csv;
    }

    @Test
    void theCommandChoosesTheLossForATextTargetOrSaysWhichLastLayerItNeeds(@TempDir Path dir) throws Exception {
        Path three = animals(dir, THREE);
        String[] t = TrainPredictTest.run("train", "--data", three.toString(), "--target", "kind", "--layers",
                "dense(4, relu) dense(3, softmax)", "--epochs", "1");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("Loss: sparse_categorical_crossentropy, for 3 classes"), t[1]);
        t = TrainPredictTest.run("train", "--data", animals(dir, TWO).toString(), "--target", "kind", "--layers",
                "dense(4, relu) dense(1, sigmoid)", "--epochs", "1");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("Loss: binary_crossentropy, for 2 classes"), t[1]);
        t = TrainPredictTest.run("train", "--data", three.toString(), "--target", "kind", "--layers",
                "dense(4, relu) dense(1)", "--epochs", "1");
        assertEquals("1", t[0], t[2]);
        assertEquals(1, t[2].lines().count(), t[2]);
        assertTrue(t[2].startsWith("lamina: 'kind' holds class labels (3: bird, cat, spider): its model needs a last"
                + " layer dense(3, softmax)"), t[2]);
        t = TrainPredictTest.run("train", "--data", three.toString(), "--target", "kind", "--layers",
                "dense(4, relu) dense(1)", "--loss", "mae", "--epochs", "1");
        assertEquals("1", t[0], t[2]);
        assertTrue(t[2].startsWith("lamina: 'kind' holds class labels (3: bird, cat, spider), and mean_absolute_error"
                + " is a regression loss"), t[2]);
    }
}
