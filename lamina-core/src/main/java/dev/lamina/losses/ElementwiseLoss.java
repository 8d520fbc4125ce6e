package dev.lamina.losses;

import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * A loss that is the mean over all elements of {@code f(yPred - yTrue)}: mean squared and
 * absolute error, Huber, log-cosh. Values are accumulated in double.
 */
abstract class ElementwiseLoss implements Loss {
    /** The per-element loss of the error {@code e = yPred - yTrue}. */
    abstract double value(double e);

    /** Its derivative with respect to {@code e}. */
    abstract double derivative(double e);

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad) {
        Loss.checkSameShape(className(), yTrue, yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        int n = p.length;
        double sum = 0;
        double scale = 1.0 / n;
        float[] g = grad == null ? null : grad.data();
        for (int i = 0; i < n; i++) {
            double e = (double) p[i] - t[i];
            sum += value(e);
            if (g != null) {
                g[i] = (float) (derivative(e) * scale);
            }
        }
        return sum * scale;
    }

    @Override
    public String toString() {
        return name();
    }
}
