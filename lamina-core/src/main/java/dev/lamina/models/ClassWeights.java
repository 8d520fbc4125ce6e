package dev.lamina.models;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Keras' {@code class_weight} turned into a weight per row of a batch: the class of a row is the
 * arg-max of a one-hot row, or the value of a one-column row rounded half to even (an integer
 * label, or a sigmoid's 0/1 target); a class not in the map weighs 1. Reuses its array.
 */
final class ClassWeights {
    private final Map<Integer, Double> weights;
    private float[] out = new float[0];

    ClassWeights(Map<Integer, Double> weights) {
        this.weights = weights;
    }

    /** The weight of each row of {@code y} (an array of at least {@code y.rows()}, reused). */
    float[] of(Tensor y) {
        int rows = y.rows();
        int cols = y.cols();
        if (out.length != rows) {
            out = new float[rows];
        }
        float[] d = y.data();
        for (int r = 0; r < rows; r++) {
            int label;
            if (cols == 1) {
                label = (int) Math.rint(d[r]);
            } else {
                label = 0;
                for (int j = 1; j < cols; j++) {
                    if (d[r * cols + j] > d[r * cols + label]) {
                        label = j;
                    }
                }
            }
            Double w = weights.get(label);
            out[r] = w == null ? 1f : w.floatValue();
        }
        return out;
    }
}
