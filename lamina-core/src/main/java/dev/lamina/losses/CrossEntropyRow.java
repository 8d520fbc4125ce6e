package dev.lamina.losses;

/** The cross-entropy of one row, shared by the categorical losses. */
final class CrossEntropyRow {
    private CrossEntropyRow() {}

    /**
     * {@code -sum_j t_j log q_j} for one row, with {@code q} the softmax of logits or the clipped,
     * renormalized probabilities; writes {@code scale * dLoss/dPred} into {@code grad} when not null.
     */
    static double loss(double[] t, float[] pred, int off, int k, boolean fromLogits, float[] grad, double scale) {
        double loss = 0;
        if (fromLogits) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, pred[off + j]);
            }
            double se = 0;
            for (int j = 0; j < k; j++) {
                se += Math.exp(pred[off + j] - max);
            }
            double lse = max + Math.log(se);
            double tSum = 0;
            for (int j = 0; j < k; j++) {
                loss -= t[j] * (pred[off + j] - lse);
                tSum += t[j];
            }
            if (grad != null) {
                for (int j = 0; j < k; j++) {
                    double sm = Math.exp(pred[off + j] - lse);
                    grad[off + j] = (float) ((sm * tSum - t[j]) * scale);
                }
            }
            return loss;
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += pred[off + j];
        }
        double eps = BinaryCrossentropy.EPSILON;
        double hi = BinaryCrossentropy.ONE_MINUS_EPSILON;
        double weighted = 0;
        for (int j = 0; j < k; j++) {
            double q = pred[off + j] / s;
            boolean clipped = q < eps || q > hi;
            double qc = Math.min(Math.max(q, eps), hi);
            loss -= t[j] * Math.log(qc);
            if (!clipped) {
                weighted += t[j] / qc * pred[off + j];
            }
        }
        if (grad != null) {
            for (int j = 0; j < k; j++) {
                double q = pred[off + j] / s;
                boolean clipped = q < eps || q > hi;
                double u = clipped ? 0 : -t[j] / q;
                grad[off + j] = (float) ((u / s + weighted / (s * s)) * scale);
            }
        }
        return loss;
    }
}
