package dev.lamina.testing;

import dev.lamina.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a numeric test-resource CSV with a header; the last column is the target. */
public final class Csv {
    private Csv() {}

    /** Features (all columns but the last) and target (the last column) of resource {@code path}. */
    public static Datasets.Data read(String path) {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Csv.class.getResourceAsStream(path),
                StandardCharsets.UTF_8))) {
            r.readLine();
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
        int d = rows.get(0).length - 1;
        float[][] x = new float[n][d];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, x[i], 0, d);
            y[i][0] = rows.get(i)[d];
        }
        return new Datasets.Data(Tensor.of(x), Tensor.of(y));
    }
}
