package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading the fixtures' CSV files and comparing predictions with the outputs they hold. */
final class Fixtures {
    private Fixtures() {}

    /** The rows of a CSV file with a header line. */
    static float[][] csv(Path p) throws Exception {
        List<String> lines = Files.readAllLines(p);
        List<float[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            float[] v = new float[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Float.parseFloat(f[i]);
            }
            rows.add(v);
        }
        return rows.toArray(new float[0][]);
    }

    /** Every expected value matches to 1e-5, relative for values above 1 in magnitude. */
    static void assertMatches(float[][] expected, Tensor y, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                float e = expected[i][j];
                assertEquals(e, y.get(i, j), 1e-5 * Math.max(1, Math.abs(e)), what + " row " + i + " col " + j);
            }
        }
    }

    /** Every expected value {@code e} matches within {@code 1e-5 + 1e-4 |e|}. */
    static void assertClose(float[][] expected, Tensor y, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                float e = expected[i][j];
                assertEquals(e, y.get(i, j), 1e-5 + 1e-4 * Math.abs(e), what + " row " + i + " col " + j);
            }
        }
    }
}
