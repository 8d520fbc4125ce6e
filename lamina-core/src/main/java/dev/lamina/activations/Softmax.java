package dev.lamina.activations;

/**
 * Softmax along the last axis: {@code y_j = exp(x_j - max(x)) / sum_k exp(x_k - max(x))};
 * the gradient is {@code dx_j = y_j (dy_j - sum_k dy_k y_k)}.
 */
final class Softmax implements ActivationFunction {
    static final Softmax INSTANCE = new Softmax();

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void apply(float[] x, float[] y, int fromRow, int toRow, int cols) {
        for (int r = fromRow; r < toRow; r++) {
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                y[o + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                y[o + j] *= inv;
            }
        }
    }

    @Override
    public void gradient(float[] x, float[] y, float[] dy, float[] dx, int fromRow, int toRow, int cols) {
        for (int r = fromRow; r < toRow; r++) {
            int o = r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += (double) dy[o + j] * y[o + j];
            }
            for (int j = 0; j < cols; j++) {
                dx[o + j] = (float) (y[o + j] * (dy[o + j] - dot));
            }
        }
    }

    @Override
    public boolean needsInput() {
        return false;
    }

    @Override
    public String toString() {
        return name();
    }
}
