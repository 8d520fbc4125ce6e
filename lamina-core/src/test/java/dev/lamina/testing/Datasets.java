package dev.lamina.testing;

import dev.lamina.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the small data sets copied into the test resources (see their PROVENANCE.md). */
public final class Datasets {
    private Datasets() {}

    /** Features and targets of a data set. */
    public record Data(Tensor x, Tensor y) {}

    /**
     * The sklearn digits: x has 64 pixel columns scaled from 0..16 to 0..1, y one column of labels 0..9.
     */
    public static Data digits() {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Datasets.class.getResourceAsStream("/datasets/sklearn_digits/digits.csv"), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.endsWith("target")) {
                throw new IllegalStateException("unexpected digits header: " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                float[] v = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Float.parseFloat(f[i]);
                }
                rows.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = rows.size();
        float[][] x = new float[n][64];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 64; j++) {
                x[i][j] = rows.get(i)[j] / 16f;
            }
            y[i][0] = rows.get(i)[64];
        }
        return new Data(Tensor.of(x), Tensor.of(y));
    }
}
