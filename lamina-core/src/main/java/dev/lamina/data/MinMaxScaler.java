package dev.lamina.data;

/**
 * Rescales each column to [0, 1]: offset = the minimum, scale = max - min (as scikit-learn's
 * {@code MinMaxScaler}). A constant column gets scale 1, so it becomes 0 rather than NaN. Values
 * outside the training range map outside [0, 1].
 */
public final class MinMaxScaler extends AffineScaler {
    @Override
    public String className() {
        return "MinMaxScaler";
    }

    @Override
    void fitColumn(int column, long rows, double sum, double squaredDeviations, double min, double max) {
        offset[column] = min;
        scale[column] = max - min;
    }

    @Override
    boolean needsDeviations() {
        return false;
    }
}
