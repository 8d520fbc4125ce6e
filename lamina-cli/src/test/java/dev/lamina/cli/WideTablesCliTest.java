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

/** Tables with hundreds of columns: errors and reports stay short enough to read. */
class WideTablesCliTest {
    /**
     * A table of {@code width} numeric columns c0.., a text column and a target y; with {@code gaps},
     * row i leaves column c(i) empty for the first {@code gaps} rows.
     */
    private static Path table(Path dir, String name, int width, int rows, int gaps) throws Exception {
        Path csv = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (int j = 0; j < width; j++) {
                w.write("c" + j + ",");
            }
            w.write("kind,y\n");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < width; j++) {
                    w.write(i < gaps && j == i ? "," : String.format(Locale.ROOT, "%d,", (i * 31 + j * 7) % 10));
                }
                w.write((i % 3 == 0 ? "red" : "blue") + "," + (i % 5) + "\n");
            }
        }
        return csv;
    }

    @Test
    void aMistypedTargetGetsAHintAndABoundedListOfColumns(@TempDir Path dir) throws Exception {
        Path data = table(dir, "wide.csv", 500, 10, 0);
        String[] t = TrainPredictTest.run("train", "--data", data.toString(), "--target", "Y", "--layers", "dense(1)",
                "--epochs", "1");
        assertEquals("1", t[0], t[2]);
        List<String> err = t[2].lines().toList();
        assertEquals(1, err.size(), t[2]);
        assertTrue(err.get(0).contains("no column 'Y'; its columns are: c0, c1,"), err.get(0));
        assertTrue(err.get(0).endsWith("c18, c19 and 482 more. Did you mean 'y'?"), err.get(0));
    }

    @Test
    void predictNamesTwentyColumnsWithGapsAndCountsTheRest(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.lamina");
        String[] t = TrainPredictTest.run("train", "--data", table(dir, "train.csv", 60, 40, 0).toString(),
                "--target", "y", "--layers", "dense(4, relu) dense(1)", "--epochs", "1", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        Path fresh = table(dir, "fresh.csv", 60, 40, 30);
        String[] p = TrainPredictTest.run("predict", "--model", model.toString(), "--data", fresh.toString());
        assertEquals("0", p[0], p[2]);
        assertEquals(41, p[1].trim().lines().count(), "a prediction for every row, gaps included");
        List<String> err = p[2].lines().filter(l -> l.startsWith("lamina: fresh.csv: ")).toList();
        assertEquals(21, err.size(), p[2]);
        for (int j = 0; j < 20; j++) {
            assertEquals("lamina: fresh.csv: c" + j + ": 1 missing", err.get(j));
        }
        assertEquals("lamina: fresh.csv: and 10 more columns with missing or unseen values.", err.get(20));
    }
}
