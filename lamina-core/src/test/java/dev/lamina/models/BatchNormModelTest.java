package dev.lamina.models;

import dev.lamina.data.LastBatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.History;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Names;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormModelTest {
    private static Sequential lessonModel() {
        Sequential m = new Sequential();
        m.add(Input.of(11));
        for (int i = 0; i < 3; i++) {
            m.add(Dense.of(1024, "relu"));
            m.add(Dropout.of(0.3));
            m.add(BatchNormalization.of());
        }
        m.add(Dense.of(1));
        return m;
    }

    @Test
    void summaryOfTheLessonsRedWineModel() {
        Names.reset();
        String s = lessonModel().summary();
        assertTrue(s.contains(" Total params: 2,124,801 ("), s);
        assertTrue(s.contains(" Trainable params: 2,118,657 ("), s);
        assertTrue(s.contains(" Non-trainable params: 6,144 (24.00 KB)"), s);
        assertTrue(s.contains("│ batch_normalization_2 (BatchNormalization)") || s.contains("batch_normalization_2"), s);
        assertTrue(s.contains("│ dropout (Dropout)"), s);
    }

    @Test
    void aFrozenBnLayerKeepsEverythingDuringFit() {
        BatchNormalization bn = BatchNormalization.builder().trainable(false).build();
        Sequential m = Sequential.of(Input.of(4), Dense.of(8, "relu"), bn, Dense.of(1)).seed(3);
        m.compile("adam", "mse");
        assertEquals(4 * 8 + 8 + 4 * 8 + 9, m.countParams()); // builds the model
        List<float[]> before = List.of(bn.gamma().value().data().clone(), bn.beta().value().data().clone(),
                bn.movingMean().value().data().clone(), bn.movingVariance().value().data().clone());
        Tensor x = GradientCheck.input(64, 4, 1, 0);
        Tensor y = GradientCheck.input(64, 1, 2, 0);
        m.fit(x, y, FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
        assertArrayEquals(before.get(0), bn.gamma().value().data());
        assertArrayEquals(before.get(1), bn.beta().value().data());
        assertArrayEquals(before.get(2), bn.movingMean().value().data());
        assertArrayEquals(before.get(3), bn.movingVariance().value().data());
        assertEquals(4, m.layers().get(1).nonTrainableWeights().size());
    }

    private static Sequential trained(long seed) {
        Sequential m = Sequential.of(Input.of(5), Dense.of(16), BatchNormalization.of(), Activation.of("relu"),
                Dropout.of(0.2), Dense.of(12, "tanh"), BatchNormalization.of(), Dense.of(3)).seed(seed);
        m.compile("adam", "mse");
        Tensor x = GradientCheck.input(256, 5, seed, 0);
        Tensor y = GradientCheck.input(256, 3, seed + 1, 0);
        m.fit(x, y, FitOptions.defaults().epochs(4).batchSize(32).verbose(0));
        return m;
    }

    @Test
    void foldingGivesFewerLayersAndTheSamePredictions() {
        Sequential m = trained(4);
        Sequential folded = BatchNormTools.fold(m);
        assertTrue(folded.layers().size() < m.layers().size());
        assertTrue(folded.countParams() < m.countParams());
        assertEquals(List.of("Dense", "Activation", "Dense", "Dense"),
                folded.layers().stream().map(Layer::className).toList());
        Tensor x = GradientCheck.input(100, 5, 77, 0);
        Tensor a = m.predict(x);
        Tensor b = folded.predict(x);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.data()[i], b.data()[i], 1e-5 * Math.max(1, Math.abs(a.data()[i])), "output " + i);
        }
    }

    @Test
    void reestimationGivesTheExactPopulationStatistics() {
        Sequential m = trained(5);
        Tensor x = GradientCheck.input(300, 5, 12, 0);
        BatchNormalization first = (BatchNormalization) m.layers().get(1);
        BatchNormalization second = (BatchNormalization) m.layers().get(5);
        BatchNormTools.reestimate(m, x, 64);
        // The first BN's inputs are the first Dense's outputs: compute their statistics directly.
        Dense dense = (Dense) m.layers().get(0);
        Tensor h = dense.forward(x, dev.lamina.layers.Mode.INFERENCE);
        for (int c = 0; c < 16; c++) {
            double s = 0;
            for (int r = 0; r < 300; r++) {
                s += h.get(r, c);
            }
            double mean = s / 300;
            double v = 0;
            for (int r = 0; r < 300; r++) {
                v += (h.get(r, c) - mean) * (h.get(r, c) - mean);
            }
            assertEquals(mean, first.movingMean().value().data()[c], 1e-6 * Math.max(1, Math.abs(mean)));
            assertEquals(v / 300, first.movingVariance().value().data()[c], 1e-6 * Math.max(1, v / 300));
        }
        // The second BN's inputs follow the re-estimated first BN with dropout off.
        Tensor t = x;
        for (int i = 0; i < 5; i++) {
            t = m.layers().get(i).forward(t, dev.lamina.layers.Mode.INFERENCE);
        }
        double s = 0;
        for (int r = 0; r < 300; r++) {
            s += t.get(r, 3);
        }
        assertEquals(s / 300, second.movingMean().value().data()[3], 1e-6);
    }

    @Test
    void lastBatchOfOneIsRefusedEarlyOrMergedOrDropped() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(4), BatchNormalization.of(), Dense.of(1)).seed(1);
        m.compile("sgd", "mse");
        Tensor x = GradientCheck.input(33, 3, 1, 0);
        Tensor y = GradientCheck.input(33, 1, 2, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(x, y, FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("the last training batch would have 1 row")
                && e.getMessage().contains("LastBatch.MERGE"), e.getMessage());
        int[] batches = {0};
        dev.lamina.callbacks.Callback count = new dev.lamina.callbacks.Callback() {
            @Override
            public void onTrainBatchEnd(int batch, dev.lamina.callbacks.Logs logs) {
                batches[0]++;
            }
        };
        m.fit(x, y, FitOptions.defaults().verbose(0).lastBatchOfOne(LastBatch.MERGE).callbacks(count));
        assertEquals(1, batches[0]);
        m.fit(x, y, FitOptions.defaults().verbose(0).lastBatchOfOne(LastBatch.DROP).callbacks(count));
        assertEquals(2, batches[0]);
    }

    @Test
    void monteCarloLeavesBnStatisticsAlone() {
        Sequential m = trained(6);
        BatchNormalization bn = (BatchNormalization) m.layers().get(1);
        float[] mean = bn.movingMean().value().data().clone();
        float[] var = bn.movingVariance().value().data().clone();
        long step = bn.step();
        Prediction p = m.predict(GradientCheck.input(40, 5, 3, 0), PredictOptions.monteCarlo(30, 1));
        assertArrayEquals(mean, bn.movingMean().value().data());
        assertArrayEquals(var, bn.movingVariance().value().data());
        assertEquals(step, bn.step());
        assertTrue(p.std().data()[0] > 0);
    }

    @Test
    void dropoutRightBeforeBnGetsAdvice() {
        Dropout d = Dropout.of(0.3);
        BatchNormalization bn = BatchNormalization.of();
        String advice = LayerOrderAdvice.advice(List.of(Dense.of(2), d), bn).orElseThrow();
        assertTrue(advice.contains("variance shift") && advice.contains("Li et al. 2019"), advice);
        assertTrue(advice.contains("Consider placing Dropout after the BatchNormalization"), advice);
        assertTrue(LayerOrderAdvice.advice(List.of(Dense.of(2)), BatchNormalization.of()).isEmpty());
        assertTrue(LayerOrderAdvice.advice(List.of(BatchNormalization.of()), Dropout.of(0.1)).isEmpty());
        // The order stays allowed.
        assertEquals(10, lessonModel().layers().size());
    }

    @Test
    void bnModelTrainsReproducibly() {
        History a = trainedHistory(9);
        History b = trainedHistory(9);
        assertEquals(a.get("loss"), b.get("loss"));
    }

    private static History trainedHistory(long seed) {
        Sequential m = Sequential.of(Input.of(5), Dense.of(16, "relu"), Dropout.of(0.3), BatchNormalization.of(),
                Dense.of(1)).seed(seed);
        m.compile("adam", "mae");
        return m.fit(GradientCheck.input(128, 5, 1, 0), GradientCheck.input(128, 1, 2, 0),
                FitOptions.defaults().epochs(3).validationSplit(0.25).verbose(0));
    }
}
