package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link RowKernels} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class VectorRowKernels implements RowKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void addToRows(float[] m, float[] row, int fromRow, int toRow, int cols) {
        int vecEnd = S.loopBound(cols);
        for (int i = fromRow; i < toRow; i++) {
            addToRow(m, i * cols, row, vecEnd);
            Scalar.addTo(m, i * cols, row, vecEnd, cols);
        }
    }

    private static void addToRow(float[] m, int o, float[] row, int end) {
        for (int j = 0; j < end; j += S.length()) {
            FloatVector.fromArray(S, m, o + j).add(FloatVector.fromArray(S, row, j)).intoArray(m, o + j);
        }
    }

    @Override
    public void scaleAndShiftRows(float[] x, float[] y, int fromRow, int toRow, int cols, float[] scale,
                                  float[] shift) {
        int vecEnd = S.loopBound(cols);
        for (int i = fromRow; i < toRow; i++) {
            scaleAndShiftRow(x, y, i * cols, scale, shift, vecEnd);
            Scalar.scaleAndShift(x, y, i * cols, scale, shift, vecEnd, cols);
        }
    }

    private static void scaleAndShiftRow(float[] x, float[] y, int o, float[] scale, float[] shift, int end) {
        for (int j = 0; j < end; j += S.length()) {
            FloatVector.fromArray(S, x, o + j).mul(FloatVector.fromArray(S, scale, j))
                    .add(FloatVector.fromArray(S, shift, j)).intoArray(y, o + j);
        }
    }

    @Override
    public void addRowsInto(float[] m, int rows, int cols, float[] out) {
        int vecEnd = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            addRowInto(m, i * cols, out, vecEnd);
            Scalar.addInto(m, i * cols, out, vecEnd, cols);
        }
    }

    private static void addRowInto(float[] m, int o, float[] out, int end) {
        for (int j = 0; j < end; j += S.length()) {
            FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, m, o + j)).intoArray(out, j);
        }
    }
}
