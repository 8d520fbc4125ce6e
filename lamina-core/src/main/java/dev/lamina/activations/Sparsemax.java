package dev.lamina.activations;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sparsemax along the last axis, exactly as Keras 3.15 computes it: with the row sorted in
 * decreasing order ({@code z_1 ≥ z_2 ≥ ...}), its cumulative sums {@code c_k} and the support
 * {@code S = {k : z_k - (c_k - 1)/k > 0}}, {@code tau = (Σ_{k∈S} c_k - 1) / |S|} and
 * {@code y = max(x - tau, 0)}. Keras sums the support's cumulative sums where Martins &amp;
 * Astudillo (2016) take the last one, so its rows need not sum to 1; Lamina follows Keras, for
 * Keras models to predict the same. The gradient is that formula's: on {@code y > 0}, {@code dy}
 * minus, for every input, the sum of {@code dy} over {@code y > 0} times {@code dtau/dx}.
 */
final class Sparsemax implements ActivationFunction {
    static final Sparsemax INSTANCE = new Sparsemax();

    @Override
    public String name() {
        return "sparsemax";
    }

    /** The row's indices by decreasing value, and for each sorted position j, dtau/dz_(j). */
    private static double tau(float[] x, int o, int cols, Integer[] order, double[] slope) {
        for (int j = 0; j < cols; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -x[o + j]));
        double c = 0;
        double sumC = 0;
        int size = 0;
        boolean[] in = new boolean[cols];
        for (int k = 1; k <= cols; k++) {
            c += x[o + order[k - 1]];
            if (x[o + order[k - 1]] - (c - 1) / k > 0) {
                in[k - 1] = true;
                sumC += c;
                size++;
            }
        }
        // Σ_{k∈S} c_k counts z_(j) once for every k in S with k ≥ j.
        int later = 0;
        for (int j = cols - 1; j >= 0; j--) {
            later += in[j] ? 1 : 0;
            slope[j] = size == 0 ? 0 : (double) later / size;
        }
        return size == 0 ? 0 : (sumC - 1) / size;
    }

    @Override
    public void apply(float[] x, float[] y, int fromRow, int toRow, int cols) {
        Integer[] order = new Integer[cols];
        double[] slope = new double[cols];
        for (int r = fromRow; r < toRow; r++) {
            int o = r * cols;
            double tau = tau(x, o, cols, order, slope);
            for (int j = 0; j < cols; j++) {
                y[o + j] = (float) Math.max(x[o + j] - tau, 0);
            }
        }
    }

    @Override
    public void gradient(float[] x, float[] y, float[] dy, float[] dx, int fromRow, int toRow, int cols) {
        Integer[] order = new Integer[cols];
        double[] slope = new double[cols];
        for (int r = fromRow; r < toRow; r++) {
            int o = r * cols;
            tau(x, o, cols, order, slope);
            double active = 0;
            for (int j = 0; j < cols; j++) {
                if (y[o + j] > 0) {
                    active += dy[o + j];
                }
            }
            for (int k = 0; k < cols; k++) {
                int j = order[k];
                dx[o + j] = (float) ((y[o + j] > 0 ? dy[o + j] : 0) - active * slope[k]);
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
