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
        return compute(yTrue, yPred, grad, null);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad, float[] sampleWeight) {
        Loss.checkSameShape(className(), yTrue, yPred);
        if (sampleWeight != null) {
            return weighted(yTrue, yPred, grad, sampleWeight);
        }
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

    /** Each row's mean of the elements' losses times its weight, summed over rows, over the rows. */
    private double weighted(Tensor yTrue, Tensor yPred, Tensor grad, float[] w) {
        float[] t = yTrue.data();
        float[] p = yPred.data();
        int cols = yPred.cols();
        int n = p.length;
        double scale = 1.0 / n;
        double sum = 0;
        float[] g = grad == null ? null : grad.data();
        for (int i = 0; i < n; i++) {
            double wi = w[i / cols];
            double e = (double) p[i] - t[i];
            sum += wi * value(e);
            if (g != null) {
                g[i] = (float) (derivative(e) * wi * scale);
            }
        }
        return sum * scale;
    }

    @Override
    public String toString() {
        return name();
    }
}
