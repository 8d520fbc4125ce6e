package dev.lamina.layers.regularization;

import dev.lamina.util.Check;
import java.util.Arrays;

/**
 * A Keras {@code noise_shape}: the shape of a random mask that is broadcast over the input, one
 * entry per input axis (batch first), with {@code -1} (Keras' {@code None}) meaning "the input's
 * size". {@code [-1, 1]} on inputs {@code [batch, features]} drops whole rows;
 * {@code [1, -1]} shares one mask across the batch.
 */
final class NoiseShape {
    private NoiseShape() {}

    /** Checks a noise shape against per-sample input shape rank; the error names the layer. */
    static void check(String owner, int[] noiseShape, int sampleRank) {
        if (noiseShape == null) {
            return;
        }
        Check.that(noiseShape.length == sampleRank + 1, owner + " has noise_shape " + Arrays.toString(noiseShape)
                + " of rank " + noiseShape.length + " but its inputs have rank " + (sampleRank + 1)
                + " (batch first); give one entry per input axis, -1 for the input's size.");
        for (int d : noiseShape) {
            Check.that(d == -1 || d > 0, owner + " has noise_shape " + Arrays.toString(noiseShape)
                    + "; entries must be positive sizes or -1 for the input's size.");
        }
    }

    /**
     * Expands a mask of the noise shape (resolved against {@code dims}) to every input element:
     * {@code full[i]} is the index into the mask of input element {@code i}. Writes into
     * {@code map} and returns the number of mask elements.
     */
    static int map(int[] noiseShape, int[] dims, int[] map, String owner) {
        int rank = dims.length;
        int[] nd = new int[rank];
        for (int k = 0; k < rank; k++) {
            nd[k] = noiseShape[k] == -1 ? dims[k] : noiseShape[k];
            Check.that(nd[k] == 1 || nd[k] == dims[k], owner + ": noise_shape " + Arrays.toString(noiseShape)
                    + " does not broadcast to inputs of shape " + Arrays.toString(dims) + " (axis " + k + ").");
        }
        int[] stride = new int[rank];
        int size = 1;
        for (int k = rank - 1; k >= 0; k--) {
            stride[k] = nd[k] == 1 ? 0 : size;
            size *= nd[k];
        }
        int[] coord = new int[rank];
        int n = map.length;
        for (int i = 0; i < n; i++) {
            int idx = 0;
            for (int k = 0; k < rank; k++) {
                idx += coord[k] * stride[k];
            }
            map[i] = idx;
            for (int k = rank - 1; k >= 0; k--) {
                if (++coord[k] < dims[k]) {
                    break;
                }
                coord[k] = 0;
            }
        }
        return size;
    }
}
