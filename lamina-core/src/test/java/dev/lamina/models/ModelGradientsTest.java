package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Layer;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.regularizers.L1L2;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model's gradient API against central finite differences of its own loss, in training mode
 * (dropout with its mask fixed by resetting the step counters, batch statistics) and in inference
 * mode, on every trainable weight and the input; per-sample losses average to the batch loss.
 */
class ModelGradientsTest {
    private static final Tensor X = GradientCheck.input(16, 4, 7, 0);
    private static final Tensor Y = GradientCheck.input(16, 2, 8, 0);

    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(4), Dense.builder(6).activation("tanh")
                        .kernelRegularizer(L1L2.l2(1e-2)).build(), Dropout.of(0.3, 3),
                BatchNormalization.of(), LayerNormalization.of(), Dense.of(2)).seed(9);
        m.compile(new Adam(), Losses.get("mse"));
        // One step so that BatchNormalization's moving statistics are not their initial values.
        m.trainOnBatch(X, Y);
        return m;
    }

    /** The loss in {@code training} mode with the noise layers' counters reset, so each pass draws the same mask. */
    private static double loss(Sequential m, Tensor x, boolean training, long[] passes) {
        List<Layer> layers = m.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (passes[i] >= 0) {
                layers.get(i).restoreTrainingPasses(passes[i]);
            }
        }
        return m.gradients(x, Y, training).loss();
    }

    private static void check(boolean training) {
        Sequential m = model();
        long[] passes = new long[m.layers().size()];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = m.layers().get(i).trainingPasses();
        }
        BatchGradients g = m.gradients(X, Y, training);
        for (int i = 0; i < passes.length; i++) {
            if (passes[i] >= 0) {
                m.layers().get(i).restoreTrainingPasses(passes[i]);
            }
        }
        assertEquals(g.loss(), loss(m, X, training, passes), 1e-12, "the loss is a function of the weights only");
        double eps = 3e-3;
        List<String> failures = new ArrayList<>();
        for (int w = 0; w < g.weights().size(); w++) {
            float[] value = g.weights().weights().get(w).value().data();
            for (int k = 0; k < value.length; k++) {
                float keep = value[k];
                value[k] = (float) (keep + eps);
                double up = loss(m, X, training, passes);
                value[k] = (float) (keep - eps);
                double down = loss(m, X, training, passes);
                value[k] = keep;
                double numeric = (up - down) / (2 * eps);
                double analytic = g.weights().values(w)[k];
                if (Math.abs(numeric - analytic) > 1e-3 * Math.abs(numeric) + 5e-5) {
                    failures.add(g.weights().path(w) + "[" + k + "]: " + analytic + " vs " + numeric);
                }
            }
        }
        float[] x = X.data();
        for (int k = 0; k < x.length; k++) {
            float keep = x[k];
            x[k] = (float) (keep + eps);
            double up = loss(m, X, training, passes);
            x[k] = (float) (keep - eps);
            double down = loss(m, X, training, passes);
            x[k] = keep;
            double numeric = (up - down) / (2 * eps);
            double analytic = g.input().data()[k];
            if (Math.abs(numeric - analytic) > 1e-3 * Math.abs(numeric) + 5e-5) {
                failures.add("input[" + k + "]: " + analytic + " vs " + numeric);
            }
        }
        assertTrue(failures.isEmpty(), (training ? "training" : "inference") + ": " + failures.size()
                + " element(s) disagree: " + failures.subList(0, Math.min(8, failures.size())));
    }

    @Test
    void trainingModeGradientsAreTheLossSlope() {
        check(true);
    }

    @Test
    void inferenceModeGradientsAreTheLossSlope() {
        check(false);
    }

    @Test
    void perSampleLossesAverageToTheBatchLoss() {
        Sequential m = model();
        double[] each = m.perSampleLoss(X, Y);
        assertEquals(X.rows(), each.length);
        double mean = java.util.Arrays.stream(each).average().orElseThrow();
        double batch = m.evaluate(X, Y, X.rows()).get("loss") - m.regularizationLoss();
        assertEquals(batch, mean, 1e-6);
        assertTrue(java.util.Arrays.stream(each).distinct().count() > 1, "rows have losses of their own");
    }
}
