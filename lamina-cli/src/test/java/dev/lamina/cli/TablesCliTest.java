package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table as users have it (text categories, missing values, an identifier, a column that leaks the
 * target) trains with no column named, and predict and evaluate take raw rows, new categories and
 * holes included, and say what they met.
 */
class TablesCliTest {
    private static final String[] COLORS = {"red", "green", "blue"};

    private static Path table(Path dir, String name, int rows, boolean fresh) throws Exception {
        Path csv = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("id,color,size,flag,outcome,y\n");
            for (int i = 0; i < rows; i++) {
                String color = fresh && i % 5 == 0 ? "purple" : COLORS[i % 3];
                double size = (i * 37 % 101) / 10.0;
                int y = (color.equals("red") ? 1 : 0) ^ (size > 5 ? 1 : 0);
                String sizeCell = i % 9 == 0 ? "" : String.format(Locale.ROOT, "%.1f", size);
                w.write(String.format(Locale.ROOT, "row-%05d,%s,%s,%d,%s,%d%n", i, color, sizeCell, i % 2,
                        y == 1 ? "yes" : "no", y));
            }
        }
        return csv;
    }

    @Test
    void aRawTableTrainsPredictsAndEvaluatesWithNoColumnNamed(@TempDir Path dir) throws Exception {
        Path train = table(dir, "train.csv", 600, false);
        Path model = dir.resolve("m.lamina");
        String[] t = TrainPredictTest.run("train", "--data", train.toString(), "--target", "y", "--layers",
                "dense(16, relu) dense(1, sigmoid)", "--loss", "binary_crossentropy", "--metrics", "accuracy",
                "--epochs", "30", "--missing-indicator", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        String out = t[1];
        assertTrue(out.contains("Ignoring 'outcome'"), out);
        for (String line : List.of("id ", "color ", "size ", "flag ")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(line)), line + " missing from\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith("id") && l.contains("identifier")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("flag") && l.contains("categorical")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("size") && l.contains("missing indicator")), out);

        String[] e = TrainPredictTest.run("evaluate", "--model", model.toString(), "--data", train.toString());
        assertEquals("0", e[0], e[2]);
        double accuracy = Double.parseDouble(e[1].replaceAll("(?s).*accuracy: ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.85, e[1]);

        Path fresh = table(dir, "fresh.csv", 50, true);
        String[] p = TrainPredictTest.run("predict", "--model", model.toString(), "--data", fresh.toString(), "--id",
                "id");
        assertEquals("0", p[0], p[2]);
        assertEquals(51, p[1].trim().lines().count(), "a prediction for every row, new categories and holes included");
        assertTrue(p[2].contains("fresh.csv: size: 6 missing"), p[2]);
        assertTrue(p[2].contains("color: 10 unseen in training, sent to the out-of-vocabulary bucket: purple (10)"),
                p[2]);
    }

    @Test
    void textLabelsAreClassesThatPredictWritesBack(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("animals.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("weight,legs,kind\n");
            String[] kinds = {"spider", "bird", "cat"};
            int[] legs = {8, 2, 4};
            for (int i = 0; i < 300; i++) {
                int k = i % 3;
                w.write(String.format(Locale.ROOT, "%.2f,%d,%s%n", 1 + k + (i % 7) / 10.0, legs[k], kinds[k]));
            }
        }
        Path model = dir.resolve("m.lamina");
        String[] t = TrainPredictTest.run("train", "--data", csv.toString(), "--target", "kind", "--layers",
                "dense(8, relu) dense(3, softmax)", "--loss", "sparse_categorical_crossentropy", "--metrics",
                "accuracy", "--epochs", "60", "--lr", "0.05", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("Classes of 'kind': 3, as indices 0 to 2: bird, cat, spider."), t[1]);
        String[] p = TrainPredictTest.run("predict", "--model", model.toString(), "--data", csv.toString());
        assertTrue(p[1].startsWith("bird,cat,spider,predicted\n"), p[1].substring(0, 40));
        List<String> predicted = p[1].lines().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
        assertEquals(List.of("spider", "bird", "cat"), predicted.subList(0, 3));
        String[] e = TrainPredictTest.run("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertTrue(e[1].contains("accuracy: 1.000000"), e[1]);
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "weight,legs,kind\n1,6,insect\n");
        e = TrainPredictTest.run("evaluate", "--model", model.toString(), "--data", unknown.toString());
        assertTrue(e[2].contains("line 2, column 'kind': \"insect\" is not one of the classes the model knows"), e[2]);
    }

    @Test
    void overridesChangeTheKinds(@TempDir Path dir) throws Exception {
        Path train = table(dir, "train.csv", 300, false);
        String[] t = TrainPredictTest.run("train", "--data", train.toString(), "--target", "y", "--layers",
                "dense(4, relu) dense(1, sigmoid)", "--loss", "binary_crossentropy", "--epochs", "1", "--numeric",
                "flag", "--ignore", "color", "--categorical", "outcome", "--impute", "constant:-1", "--max-tokens", "2");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].lines().anyMatch(l -> l.startsWith("flag") && l.contains("numeric")), t[1]);
        assertTrue(t[1].lines().anyMatch(l -> l.startsWith("color") && l.contains("ignored")), t[1]);
        assertTrue(t[1].lines().anyMatch(l -> l.startsWith("outcome") && l.contains("categorical") && l.contains("one_hot, 1 tokens")), t[1]);
        assertTrue(t[1].lines().anyMatch(l -> l.startsWith("size") && l.contains("impute constant -1.0")), t[1]);
    }

    @Test
    void rowsWithoutATargetAreRefusedWithTheFixOrDroppedWithDropMissing(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("holes.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("name,color,size,y\n");
            for (int i = 0; i < 120; i++) {
                String y = i % 10 == 3 ? "" : Integer.toString(i % 3);
                String size = i % 15 == 7 ? "" : Integer.toString(i % 7);
                w.write("car " + i + "," + COLORS[i % 3] + "," + size + "," + y + "\n");
            }
        }
        String[] refused = TrainPredictTest.run("train", "--data", csv.toString(), "--target", "y", "--layers",
                "dense(1)", "--epochs", "1");
        assertEquals("1", refused[0]);
        assertTrue(refused[2].contains("holes.csv line 5, column 'y': the value is missing (12 rows without a target"
                + " in all)")
                && refused[2].contains("--drop-missing"), refused[2]);
        String[] dropped = TrainPredictTest.run("train", "--data", csv.toString(), "--target", "y", "--layers",
                "dense(1)", "--epochs", "1", "--validation-split", "0", "--drop-missing");
        assertEquals("0", dropped[0], dropped[2]);
        assertTrue(dropped[1].contains("Dropped 12 rows without a target (--drop-missing)."), dropped[1]);
        // Rows 7, 22, 37, ..., 112 lack a size (and have a target).
        assertTrue(dropped[1].contains("Dropped 8 rows with a missing value in a feature column (--drop-missing)."),
                dropped[1]);
        Path model = dir.resolve("m.lamina");
        TrainPredictTest.run("train", "--data", csv.toString(), "--target", "y", "--layers", "dense(1)", "--epochs", "1",
                "--drop-missing", "--save", model.toString());
        String[] evaluated = TrainPredictTest.run("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertEquals("1", evaluated[0]);
        assertTrue(evaluated[2].contains("line 5, column 'y': the value is missing") && evaluated[2].contains(
                "--drop-missing"), evaluated[2]);
        evaluated = TrainPredictTest.run("evaluate", "--model", model.toString(), "--data", csv.toString(),
                "--drop-missing");
        assertEquals("0", evaluated[0], evaluated[2]);
        assertTrue(evaluated[1].contains("Dropped 12 rows without a target") && evaluated[1].contains("108 rows - loss"),
                evaluated[1]);
    }

    @Test
    void anAllNumericFileSaysHowManyRowsDropMissingLeftOut(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("numbers.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,y\n");
            for (int i = 0; i < 60; i++) {
                String a = i % 20 == 4 ? "" : Integer.toString(i % 5);
                String y = i % 30 == 9 ? "" : Integer.toString(i % 3);
                w.write(a + "," + (i % 4) + "," + y + "\n");
            }
        }
        String[] trained = TrainPredictTest.run("train", "--data", csv.toString(), "--target", "y", "--layers", "dense(1)",
                "--epochs", "1", "--validation-split", "0", "--drop-missing");
        assertEquals("0", trained[0], trained[2]);
        // Rows 4, 24 and 44 lack a; rows 9 and 39 lack y.
        assertTrue(trained[1].contains("Dropped 5 rows with a missing value (--drop-missing)."), trained[1]);
    }

    @Test
    void aRegressionTargetFarFromUnitScaleGetsTheScaleTargetAdvice(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("years.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,year\n");
            for (int i = 0; i < 200; i++) {
                w.write(String.format(Locale.ROOT, "%.3f,%.3f,%d%n", Math.sin(i), Math.cos(i), 2000 + i % 9));
            }
        }
        String[] t = TrainPredictTest.run("train", "--data", csv.toString(), "--target", "year", "--layers",
                "dense(4, relu) dense(1)", "--epochs", "2");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("The target 'year' averages 2004 with a spread of ")
                && t[1].contains("--scale-target standard"), t[1]);
        String[] scaled = TrainPredictTest.run("train", "--data", csv.toString(), "--target", "year", "--layers",
                "dense(4, relu) dense(1)", "--epochs", "2", "--scale-target", "standard");
        assertEquals("0", scaled[0], scaled[2]);
        assertTrue(!scaled[1].contains("--scale-target standard trains"), scaled[1]);
    }
}
