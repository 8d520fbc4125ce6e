package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.Tensor;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --weight-column} and {@code --class-weight}: weights of 1 train the model that no weights
 * train; other weights another; balanced weights follow scikit-learn's rule; mistakes are named.
 */
class WeightsCliTest {
    private static Path csv(Path dir, String name, String weight) throws Exception {
        Path csv = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,w,y\n");
            for (int i = 0; i < 300; i++) {
                int y = i % 4 == 0 ? 1 : 0;
                w.write(String.format(Locale.ROOT, "%d.5,%d,%s,%d%n", i % 17 + y, i % 5, weight == null ? (i % 3)
                        : weight, y));
            }
        }
        return csv;
    }

    private static String[] train(Path data, Path model, String... extra) {
        String[] base = {"train", "--data", data.toString(), "--target", "y", "--features", "a,b", "--layers",
            "dense(4, relu) dense(1, sigmoid)", "--loss", "binary_crossentropy", "--epochs", "2", "--save",
            model.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return TrainPredictTest.run(args);
    }

    private static String predictions(Path model, Path data) {
        return TrainPredictTest.run("predict", "--model", model.toString(), "--data", data.toString())[1];
    }

    @Test
    void weightsOfOneTrainTheUnweightedModelAndOtherWeightsAnother(@TempDir Path dir) throws Exception {
        Path ones = csv(dir, "ones.csv", "1");
        Path varied = csv(dir, "varied.csv", null);
        assertEquals("0", train(ones, dir.resolve("plain.lamina"))[0]);
        assertEquals("0", train(ones, dir.resolve("ones.lamina"), "--weight-column", "w")[0]);
        assertEquals("0", train(varied, dir.resolve("varied.lamina"), "--weight-column", "w")[0]);
        assertEquals("0", train(ones, dir.resolve("unit-classes.lamina"), "--class-weight", "0=1,1=1")[0]);
        assertEquals("0", train(ones, dir.resolve("classes.lamina"), "--class-weight", "balanced")[0]);
        String plain = predictions(dir.resolve("plain.lamina"), ones);
        assertEquals(plain, predictions(dir.resolve("ones.lamina"), ones));
        assertEquals(plain, predictions(dir.resolve("unit-classes.lamina"), ones));
        assertNotEquals(plain, predictions(dir.resolve("varied.lamina"), ones));
        assertNotEquals(plain, predictions(dir.resolve("classes.lamina"), ones));
    }

    @Test
    void balancedWeightsFollowScikitLearnsRule() {
        // scikit-learn: compute_class_weight("balanced", classes=[0, 1, 2], y=[0, 0, 0, 1, 2, 2]) = [2/3, 2, 1]
        Map<Integer, Double> w = ClassWeightOption.parse("balanced", Tensor.wrap(new float[] {0, 0, 0, 1, 2, 2}, 6, 1));
        assertEquals(2.0 / 3, w.get(0), 1e-12);
        assertEquals(2.0, w.get(1), 1e-12);
        assertEquals(1.0, w.get(2), 1e-12);
    }

    @Test
    void mistakesAreNamed(@TempDir Path dir) throws Exception {
        Path data = csv(dir, "d.csv", null);
        String[] r = train(data, dir.resolve("m.lamina"), "--class-weight", "1:3");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("class=weight") && r[2].trim().lines().count() == 1, r[2]);
        r = train(data, dir.resolve("m.lamina"), "--class-weight", "0=1", "--weight-column", "w");
        assertTrue(r[2].contains("cannot be combined"), r[2]);
        r = train(data, dir.resolve("m.lamina"), "--weight-column", "w", "--stream");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--weight-column"), r[2]);
    }
}
