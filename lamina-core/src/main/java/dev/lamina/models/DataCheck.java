package dev.lamina.models;

import dev.lamina.tensor.Tensor;

/** Checks of user data before training or inference, with errors that name the row and column. */
final class DataCheck {
    private DataCheck() {}

    static void notEmpty(String what, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(what + " must not be null.");
        }
        if (t.size() == 0 || t.rows() == 0) {
            throw new IllegalArgumentException(what + " is empty: there are no rows to use.");
        }
    }

    static void finite(String what, Tensor t) {
        float[] d = t.data();
        int cols = t.cols();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(what + " row " + (i / cols) + ", column " + (i % cols) + " is "
                        + d[i] + "; remove or impute missing and infinite values before training.");
            }
        }
    }

    static void sameRows(String xName, Tensor x, String yName, Tensor y) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException(xName + " has " + x.rows() + " rows but " + yName + " has " + y.rows()
                    + "; they must have one target row per input row.");
        }
    }
}
