package dev.lamina.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the reference fixtures under {@code src/test/resources/reference} (made by {@code tools/reference}). */
public final class Reference {
    private Reference() {}

    /** The parsed JSON of resource {@code reference/name}. */
    public static JsonNode load(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource reference/" + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON matrix (list of rows) as a tensor. */
    public static Tensor tensor(JsonNode rows) {
        int r = rows.size();
        int c = rows.get(0).size();
        float[][] data = new float[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                data[i][j] = (float) rows.get(i).get(j).asDouble();
            }
        }
        return Tensor.of(data);
    }

    /** A JSON matrix as doubles. */
    public static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = new double[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return out;
    }

    /** Every number of a JSON value (nested lists flattened in order) as floats: a weight in Keras' layout. */
    public static float[] flat(JsonNode n) {
        java.util.List<Float> out = new java.util.ArrayList<>();
        flatten(n, out);
        float[] d = new float[out.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = out.get(i);
        }
        return d;
    }

    private static void flatten(JsonNode n, java.util.List<Float> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add((float) n.asDouble());
        }
    }
}
