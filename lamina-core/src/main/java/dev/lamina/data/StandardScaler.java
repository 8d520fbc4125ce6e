package dev.lamina.data;

/**
 * Standardizes each column to mean 0 and standard deviation 1: offset = the mean, scale = the
 * population standard deviation (as scikit-learn's {@code StandardScaler}). A constant column gets
 * scale 1, so it becomes 0 rather than NaN.
 */
public final class StandardScaler extends AffineScaler {
    @Override
    public String className() {
        return "StandardScaler";
    }

    @Override
    void fitColumn(int column, long rows, double sum, double squaredDeviations, double min, double max) {
        offset[column] = sum / rows;
        scale[column] = Math.sqrt(squaredDeviations / rows);
    }

    @Override
    boolean needsDeviations() {
        return true;
    }
}
