package dev.lamina.activations;

/**
 * Log-softmax along the last axis, as Keras' {@code log_softmax}:
 * {@code y_j = x_j - max(x) - log sum_k exp(x_k - max(x))}, computed so that it neither overflows
 * nor takes the log of 0; the gradient is {@code dx_j = dy_j - exp(y_j) sum_k dy_k}.
 */
final class LogSoftmax implements ActivationFunction {
    static final LogSoftmax INSTANCE = new LogSoftmax();

    @Override
    public String name() {
        return "log_softmax";
    }

    @Override
    public void apply(float[] x, float[] y, int fromRow, int toRow, int cols) {
        for (int r = fromRow; r < toRow; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < cols; j++) {
                y[o + j] = (float) (x[o + j] - lse);
            }
        }
    }

    @Override
    public void gradient(float[] x, float[] y, float[] dy, float[] dx, int fromRow, int toRow, int cols) {
        for (int r = fromRow; r < toRow; r++) {
            int o = r * cols;
            double total = 0;
            for (int j = 0; j < cols; j++) {
                total += dy[o + j];
            }
            for (int j = 0; j < cols; j++) {
                dx[o + j] = (float) (dy[o + j] - Math.exp(y[o + j]) * total);
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
