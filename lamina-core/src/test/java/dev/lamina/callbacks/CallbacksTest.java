package dev.lamina.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.SGD;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(4, "tanh"), Dense.of(1)).seed(1);
        m.compile(SGD.of(0.05), Losses.get("mse"), "mae");
        return m;
    }

    private static Logs logs(String key, double value) {
        Logs l = new Logs();
        l.put(key, value);
        return l;
    }

    @Test
    void earlyStoppingFollowsKerasPatienceAndRestoresTheBestWeights() {
        Sequential m = model();
        EarlyStopping es = new EarlyStopping("val_loss").patience(2).restoreBestWeights(true);
        es.setModel(m);
        es.onTrainBegin(new Logs());
        double[] values = {1.0, 0.9, 0.95, 0.96, 0.97};
        List<float[]> best = null;
        for (int epoch = 0; epoch < values.length && !m.stopTraining(); epoch++) {
            // Each "epoch" changes the weights so that restoring is visible.
            m.weights().get(0).value().data()[0] = epoch;
            if (epoch == 1) {
                best = m.getWeights();
            }
            es.onEpochEnd(epoch, logs("val_loss", values[epoch]));
        }
        assertTrue(m.stopTraining());
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        es.onTrainEnd(new Logs());
        assertArrayEquals(best.get(0), m.getWeights().get(0));
    }

    @Test
    void earlyStoppingMinDeltaModeAndStartEpoch() {
        Sequential m = model();
        EarlyStopping es = new EarlyStopping("val_accuracy").patience(1).minDelta(0.01).startFromEpoch(1);
        es.setModel(m);
        es.onTrainBegin(new Logs());
        es.onEpochEnd(0, logs("val_accuracy", 0.1)); // ignored: before startFromEpoch
        es.onEpochEnd(1, logs("val_accuracy", 0.5));
        es.onEpochEnd(2, logs("val_accuracy", 0.505)); // not better by min_delta in max mode
        assertTrue(m.stopTraining());
        assertEquals(0.5, es.best());
    }

    @Test
    void earlyStoppingStopsARealFit() {
        Sequential m = model();
        Tensor x = GradientCheck.input(64, 3, 1, 0);
        Tensor y = GradientCheck.input(64, 1, 2, 0); // noise: validation loss cannot keep improving
        EarlyStopping es = new EarlyStopping().patience(3).restoreBestWeights(true);
        History h = m.fit(x, y, FitOptions.defaults().epochs(500).validationSplit(0.25).verbose(0).callbacks(es));
        assertTrue(h.epochs().size() < 500, "stopped after " + h.epochs().size());
        assertEquals(es.stoppedEpoch() + 1, h.epochs().size());
    }

    @Test
    void reduceLrOnPlateauFollowsKeras() {
        Sequential m = model();
        ReduceLROnPlateau r = new ReduceLROnPlateau("val_loss").patience(1).factor(0.5).cooldown(1).minLr(0.02);
        r.setModel(m);
        r.onTrainBegin(new Logs());
        Logs l = logs("val_loss", 1.0);
        r.onEpochEnd(0, l); // best
        assertEquals(0.05, l.get("learning_rate"), 1e-12);
        r.onEpochEnd(1, logs("val_loss", 1.0)); // wait 1 >= 1: 0.05 -> 0.025, cooldown 1
        assertEquals(0.025, m.optimizer().currentLearningRate(), 1e-12);
        r.onEpochEnd(2, logs("val_loss", 1.0)); // in cooldown
        assertEquals(0.025, m.optimizer().currentLearningRate(), 1e-12);
        r.onEpochEnd(3, logs("val_loss", 1.0)); // wait 1: max(0.0125, 0.02)
        assertEquals(0.02, m.optimizer().currentLearningRate(), 1e-12);
        r.onEpochEnd(4, logs("val_loss", 0.5)); // improvement
        assertEquals(0.02, m.optimizer().currentLearningRate(), 1e-12);
    }

    @Test
    void historyCsvLoggerAndScheduler(@TempDir Path dir) throws IOException {
        Sequential m = model();
        Path csv = dir.resolve("log.csv");
        LearningRateScheduler s = new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1));
        Tensor x = GradientCheck.input(40, 3, 1, 0);
        Tensor y = GradientCheck.input(40, 1, 2, 0);
        History h = m.fit(x, y, FitOptions.defaults().epochs(3).batchSize(8).validationSplit(0.25).verbose(0)
                .callbacks(s, new CsvLogger(csv)));
        assertEquals(List.of(0, 1, 2), h.epochs());
        assertEquals(List.of("loss", "mae", "val_loss", "val_mae", "learning_rate"), List.copyOf(h.history().keySet()));
        assertEquals(0.1 / 3, h.last("learning_rate"), 1e-12);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,learning_rate,loss,mae,val_loss,val_mae", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("2,"), lines.get(3));
        assertEquals(h.last("val_loss"), Double.parseDouble(lines.get(3).split(",")[4]));
    }

    @Test
    void terminateOnNaNStopsADivergingFit() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(1)).seed(1);
        m.compile(SGD.of(1e6), Losses.get("mse"));
        Tensor x = GradientCheck.input(64, 3, 1, 0);
        Tensor y = GradientCheck.input(64, 1, 2, 0);
        TerminateOnNaN t = new TerminateOnNaN();
        History h = m.fit(x, y, FitOptions.defaults().epochs(50).batchSize(8).verbose(0).callbacks(t));
        assertTrue(t.terminated());
        assertTrue(h.epochs().size() < 50);
        assertFalse(Double.isFinite(h.last("loss")));
    }

    @Test
    void progressOutputReadsLikeKeras() {
        Sequential m = model();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Tensor x = GradientCheck.input(20, 3, 1, 0);
        Tensor y = GradientCheck.input(20, 1, 2, 0);
        m.fit(x, y, FitOptions.defaults().epochs(2).batchSize(8).validationSplit(0.2).verbose(1).out(out));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("2/2 ━{20} \\d+s \\d+[mu]?s/step - loss: \\d+\\.\\d{4} - mae: \\d+\\.\\d{4}"
                + " - val_loss: \\d+\\.\\d{4} - val_mae: \\d+\\.\\d{4}"), lines[1]);
        assertEquals("Epoch 2/2", lines[2]);
        bytes.reset();
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).verbose(2).out(out));
        lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[1].matches("3/3 - \\d+s - \\d+[mu]?s/step - loss: \\d+\\.\\d{4} - mae: \\d+\\.\\d{4}"), lines[1]);
        bytes.reset();
        m.fit(x, y, FitOptions.defaults().epochs(1).verbose(0).out(out));
        assertEquals(0, bytes.size());
        assertEquals("1.2346e-04", ProgressLogger.value(1.23456e-4));
        assertEquals("0.5000", ProgressLogger.value(0.5));
    }
}
