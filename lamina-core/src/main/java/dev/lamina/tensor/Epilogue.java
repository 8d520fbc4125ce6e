package dev.lamina.tensor;

import dev.lamina.util.Check;

/**
 * What a matrix product does to each output element as it stores it: for the element in column
 * {@code j}, {@code v = v + bias[j]}, then {@code v = max(v, 0)}, then {@code v = v * scale[j] + shift[j]},
 * each step only where asked for. That is a Dense layer's bias and ReLU followed by a
 * BatchNormalization's inference transform, done while the product's tile is still in registers
 * instead of in two more passes over the output. Each step is the same float operation, in the same
 * order, as the separate pass it replaces (an addition, {@link Math#max}, a multiplication then an
 * addition, never fused), so the result has the same bits.
 *
 * @param bias per-column addend, or null
 * @param relu whether to take {@code max(v, 0)} (NaN stays NaN, -0 becomes 0)
 * @param scale per-column factor, or null (then {@code shift} is null too)
 * @param shift per-column addend after the factor, or null
 */
public record Epilogue(float[] bias, boolean relu, float[] scale, float[] shift) {
    /** Checks that scale and shift come together. */
    public Epilogue {
        Check.that((scale == null) == (shift == null), "Epilogue: scale and shift go together (both or neither).");
    }

    /** Whether the epilogue changes nothing. */
    public boolean isIdentity() {
        return bias == null && !relu && scale == null;
    }

    /** Checks that the per-column arrays cover {@code columns} columns. */
    public void checkColumns(int columns) {
        // The message is built only on failure: this runs on every product of a training step.
        if (!(covers(bias, columns) && covers(scale, columns) && covers(shift, columns))) {
            throw new IllegalArgumentException("Epilogue: its per-column arrays are shorter than the product's "
                    + columns + " columns.");
        }
    }

    /** The element of column {@code j} after the epilogue. */
    float apply(float v, int j) {
        if (bias != null) {
            v += bias[j];
        }
        if (relu) {
            v = Math.max(v, 0f);
        }
        if (scale != null) {
            v = v * scale[j] + shift[j];
        }
        return v;
    }

    /**
     * Applies the epilogue in place to rows [i0, i1), columns [j0, j1) of C (a separate pass):
     * per row, a loop for each step, which the JIT vectorizes (one loop with the steps' branches
     * inside it stayed scalar); each element sees the same operations in the same order as in
     * {@link #apply}.
     */
    void applyRows(float[] c, int ldc, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int o = i * ldc;
            if (bias != null) {
                for (int j = j0; j < j1; j++) {
                    c[o + j] += bias[j];
                }
            }
            if (relu) {
                for (int j = j0; j < j1; j++) {
                    c[o + j] = Math.max(c[o + j], 0f);
                }
            }
            if (scale != null) {
                for (int j = j0; j < j1; j++) {
                    c[o + j] = c[o + j] * scale[j] + shift[j];
                }
            }
        }
    }

    private static boolean covers(float[] a, int columns) {
        return a == null || a.length >= columns;
    }
}
