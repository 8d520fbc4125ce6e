package dev.lamina.initializers;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A (semi-)orthogonal matrix times {@code gain} (Saxe et al. 2014), as Keras makes it: the weight
 * is seen as rows = product of all but the last dimension by cols = the last; a normal matrix of
 * shape (max, min) is QR-factored, Q's columns are multiplied by the signs of R's diagonal, and Q
 * is transposed when rows &lt; cols.
 *
 * @param gain the multiplier (default 1)
 * @param seed the initializer's own seed, or null to use the model's
 */
public record Orthogonal(double gain, Long seed) implements Initializer {
    @Override
    public String className() {
        return "Orthogonal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gain", gain);
        c.put("seed", seed);
        return c;
    }

    @Override
    public void fill(Tensor weight, RandomStream stream) {
        RandomStream r = Seeded.stream(seed, stream);
        int[] shape = weight.shape().dims();
        int cols = shape[shape.length - 1];
        int rows = weight.size() / cols;
        int tall = Math.max(rows, cols);
        int wide = Math.min(rows, cols);
        // q holds the (tall x wide) normal matrix column by column; modified Gram-Schmidt makes it Q.
        double[][] q = new double[wide][tall];
        for (int i = 0; i < tall; i++) {
            for (int j = 0; j < wide; j++) {
                q[j][i] = r.nextGaussian();
            }
        }
        for (int j = 0; j < wide; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < tall; i++) {
                    dot += q[p][i] * q[j][i];
                }
                for (int i = 0; i < tall; i++) {
                    q[j][i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            // R's diagonal entry is +norm, so sign correction keeps Q's column as it is.
            for (int i = 0; i < tall; i++) {
                q[j][i] /= norm;
            }
        }
        float[] d = weight.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = rows >= cols ? q[j][i] : q[i][j];
                d[i * cols + j] = (float) (gain * v);
            }
        }
    }
}
