package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.layers.regularization.ActivityRegularization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.regularizers.L1L2;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activity regularizers: a penalty on a layer's outputs, divided by the batch's rows, in the loss and
 * in the gradients (Keras' values are checked in lamina-keras' FineTuneTest).
 */
class ActivityPenaltyTest {
    private static Sequential model() {
        Dense hidden = Dense.of(6, "tanh");
        hidden.setActivityRegularizer(L1L2.of(0.01, 0.05));
        BatchNormalization bn = BatchNormalization.of();
        bn.setActivityRegularizer(L1L2.l1(0.02));
        Dense out = Dense.of(1);
        out.setActivityRegularizer(L1L2.l2(0.2));
        Sequential m = Sequential.of(Input.of(4), hidden, bn, ActivityRegularization.of(0.03, 0.1), out).seed(2);
        m.compile("sgd", "mse");
        m.build(4);
        return m;
    }

    @Test
    void theLossAndItsGradientsIncludeThePenaltiesOfEveryLayer() {
        Sequential m = model();
        Tensor x = GradientCheck.input(7, 4, 1, 0);
        Tensor y = GradientCheck.input(7, 1, 2, 0);
        BatchGradients g = m.gradients(x, y, false);
        double h = 1e-2;
        int checked = 0;
        for (int p = 0; p < g.weights().size(); p++) {
            String path = g.weights().path(p);
            Parameter w = m.weights().stream().filter(q -> q.path().equals(path)).findFirst().orElseThrow();
            float[] v = w.value().data();
            for (int k = 0; k < v.length; k += 3) {
                float saved = v[k];
                v[k] = (float) (saved + h);
                double up = m.gradients(x, y, false).loss();
                v[k] = (float) (saved - h);
                double down = m.gradients(x, y, false).loss();
                v[k] = saved;
                double numeric = (up - down) / (2 * h);
                double analytic = g.weights().values(p)[k];
                assertEquals(numeric, analytic, 2e-3 + 2e-3 * Math.abs(numeric), w.path() + "[" + k + "]");
                checked++;
            }
        }
        assertTrue(checked > 12, checked + " elements checked");
        List<Regularizer> saved = new ArrayList<>();
        for (Layer l : m.layers()) {
            saved.add(l.activityRegularizer());
            if (!(l instanceof ActivityRegularization)) {
                l.setActivityRegularizer(null);
            }
        }
        double withoutMost = m.gradients(x, y, false).loss();
        assertTrue(g.loss() > withoutMost + 1e-3, g.loss() + " vs " + withoutMost);
    }

    @Test
    void thePenaltyIsDividedByTheBatchRows() {
        Dense d = Dense.of(3, "linear");
        d.setActivityRegularizer(L1L2.of(0.5, 0.25));
        Sequential m = Sequential.of(Input.of(2), d).seed(1);
        m.compile("sgd", "mse");
        m.build(2);
        Tensor x = GradientCheck.input(5, 2, 3, 0);
        Tensor zero = Tensor.zeros(x.rows(), 3);
        Tensor out = m.predict(x);
        double l1 = 0;
        double l2 = 0;
        for (float v : out.data()) {
            l1 += Math.abs(v);
            l2 += (double) v * v;
        }
        double mse = l2 / out.size();
        double expected = mse + (0.5 * l1 + 0.25 * l2) / x.rows();
        assertEquals(expected, m.gradients(x, zero, false).loss(), 1e-5 * expected);
        assertEquals(expected, m.evaluate(x, zero, 2).get("loss"), 1e-5 * expected, "evaluate in batches of 2");
    }

    @Test
    void aDenseLayerBeforeADropoutTakesItsPenaltyGradient() {
        Dense hidden = Dense.of(16, "relu");
        hidden.setActivityRegularizer(L1L2.of(0.05, 0.1));
        Dropout dropout = Dropout.of(0.4);
        Dense last = Dense.of(1);
        Sequential m = Sequential.of(Input.of(5), hidden, dropout, last).seed(4);
        m.compile("sgd", "mse");
        m.build(5);
        Tensor x = GradientCheck.input(12, 5, 5, 0);
        Tensor g = GradientCheck.input(12, 1, 6, 0);
        long passes = dropout.trainingPasses();
        m.forward(x, Mode.TRAINING);
        m.backward(g.copy());
        float[] viaModel = hidden.kernel().grad().data().clone();

        dropout.restoreTrainingPasses(passes);
        Tensor h = hidden.forward(x, Mode.TRAINING).copy();
        last.forward(dropout.forward(h, Mode.TRAINING), Mode.TRAINING);
        Tensor d = dropout.backward(last.backward(g.copy()));
        hidden.activityRegularizer().addGradient(h.data(), d.data(), h.size(), 1f / h.rows());
        hidden.backward(d);
        assertTrue(Arrays.equals(viaModel, hidden.kernel().grad().data()), "the fused pass would leave the penalty out");
    }

    @Test
    void savedLoadedAndCopiedModelsKeepThePenalties(@TempDir Path dir) throws Exception {
        Sequential m = model();
        Path file = dir.resolve("m.lamina");
        m.save(file);
        Sequential back = Sequential.load(file);
        for (int i = 0; i < m.layers().size(); i++) {
            assertEquals(m.layers().get(i).activityRegularizer(), back.layers().get(i).activityRegularizer());
            assertEquals(m.layers().get(i).activityRegularizer(),
                    LayerRegistry.copyOf(m.layers().get(i)).activityRegularizer());
        }
        Tensor x = GradientCheck.input(3, 4, 9, 0);
        Tensor y = GradientCheck.input(3, 1, 8, 0);
        assertEquals(m.gradients(x, y, false).loss(), back.gradients(x, y, false).loss(), 0);
    }

    @Test
    void activityRegularizationsOwnPenaltyCannotBeReplacedAndKerasConfigsAreRead() {
        ActivityRegularization a = ActivityRegularization.of(0.1, 0);
        assertThrows(UnsupportedOperationException.class, () -> a.setActivityRegularizer(L1L2.l2(1)));
        assertEquals(L1L2.of(0.1, 0), a.activityRegularizer());
        assertTrue(!a.configMap().containsKey(Layer.ACTIVITY_REGULARIZER), "Keras' config has l1 and l2 only");
        Layer d = LayerRegistry.fromConfig("Dense", Map.of("units", 2, "activity_regularizer", Map.of("class_name", "L2",
                "config", Map.of("l2", 0.3))));
        assertEquals(L1L2.l2(0.3), d.activityRegularizer());
        assertNotEquals(null, d.configMap().get(Layer.ACTIVITY_REGULARIZER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("ActivityRegularization", Map.of("l1", -1)));
        assertTrue(e.getMessage().contains("ActivityRegularization") && e.getMessage().contains("l1"), e.getMessage());
    }
}
