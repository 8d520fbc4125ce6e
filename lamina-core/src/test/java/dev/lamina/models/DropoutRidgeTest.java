package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.Logs;
import dev.lamina.initializers.Constant;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.SGD;
import dev.lamina.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Srivastava et al. 2014, §9.1: linear regression with dropout on the inputs (retain probability
 * p) minimizes, in expectation, {@code ||y - X w~||² + (1-p)/p ||Γ w~||²} with
 * {@code Γ = diag(XᵀX)^(1/2)} and {@code w~ = p w}. With inverted dropout (Keras, Lamina) the
 * trained weights are {@code w~} themselves, so SGD should settle, on average, at the ridge solution
 * {@code w~ = (XᵀX + (1-p)/p diag(XᵀX))⁻¹ Xᵀy}.
 *
 * <p>Full-batch SGD with dropout noise is a stochastic approximation of the gradient of that
 * expected objective; its iterates fluctuate around the solution (measured: 0.006 to 0.015 root
 * mean square per weight at learning rate 0.01), and the Polyak average over the last 6000 of 8000
 * steps landed within 0.007 of the ridge solution for each of six dropout seeds tried. The tolerance
 * is 0.015 absolute, about twice that, while the ridge and plain least-squares solutions differ by
 * at least 0.3 in every weight: the test tells them apart by a factor of 20.
 */
class DropoutRidgeTest {
    @Test
    void inputDropoutConvergesToTheRidgeSolution() {
        int n = 200;
        double[] scales = {1.0, 2.0, 0.5};
        double[] trueW = {1.0, -1.5, 2.0};
        RandomStream r = new RandomStream(4, 1);
        float[][] x = new float[n][3];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) (scales[j] * r.nextGaussian());
                s += trueW[j] * x[i][j];
            }
            y[i][0] = (float) (s + 0.5 * r.nextGaussian());
        }
        double p = 0.6;
        double lambda = (1 - p) / p;
        double[] ridge = solve(x, y, lambda);
        double[] ls = solve(x, y, 0);
        for (int j = 0; j < 3; j++) {
            assertTrue(Math.abs(ridge[j] - ls[j]) > 0.3, "ridge and least squares must differ in w" + j);
        }

        Dense dense = Dense.builder(1).useBias(false).kernelInitializer(Constant.ZEROS).build();
        Sequential model = Sequential.of(Input.of(3), Dropout.of(1 - p, 21), dense).seed(5);
        model.compile(SGD.of(0.01), Losses.get("mse"));
        double[] sum = new double[3];
        int[] count = {0};
        Callback average = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Logs logs) {
                if (epoch >= 2000) {
                    for (int j = 0; j < 3; j++) {
                        sum[j] += dense.kernel().value().data()[j];
                    }
                    count[0]++;
                }
            }
        };
        model.fit(x, y, FitOptions.defaults().epochs(8000).batchSize(n).shuffle(false).verbose(0).callbacks(average));
        for (int j = 0; j < 3; j++) {
            assertEquals(ridge[j], sum[j] / count[0], 0.015, "w" + j + " (least squares " + ls[j] + ")");
        }
    }

    /** Solves (XᵀX + lambda diag(XᵀX)) w = Xᵀy in double by Gauss-Jordan elimination. */
    private static double[] solve(float[][] x, float[][] y, double lambda) {
        int d = x[0].length;
        double[][] a = new double[d][d + 1];
        for (float[] row : x) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    a[p][q] += (double) row[p] * row[q];
                }
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < d; p++) {
                a[p][d] += (double) x[i][p] * y[i][0];
            }
        }
        for (int p = 0; p < d; p++) {
            a[p][p] *= 1 + lambda;
        }
        for (int c = 0; c < d; c++) {
            for (int rr = 0; rr < d; rr++) {
                if (rr != c) {
                    double f = a[rr][c] / a[c][c];
                    for (int k = 0; k <= d; k++) {
                        a[rr][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] w = new double[d];
        for (int c = 0; c < d; c++) {
            w[c] = a[c][d] / a[c][c];
        }
        return w;
    }
}
