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

    /** Each row's mean of the elements' losses times its weight, summed over rows, over the rows. */
    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor grad, float[] sampleWeight) {
        Loss.checkSameShape(className(), yTrue, yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        int n = p.length;
        int cols = yPred.cols();
        double sum = 0;
        double scale = 1.0 / n;
        float[] g = grad == null ? null : grad.data();
        for (int i = 0; i < n; i++) {
            double w = sampleWeight == null ? 1 : sampleWeight[i / cols]; // unweighted, every product by w is exact
            double e = (double) p[i] - t[i];
            sum += w * value(e);
            if (g != null) {
                g[i] = (float) (derivative(e) * w * scale);
            }
        }
        return sum * scale;
    }

    @Override
    public String toString() {
        return name();
    }
}
