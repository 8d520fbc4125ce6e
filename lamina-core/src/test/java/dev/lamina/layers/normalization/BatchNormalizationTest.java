package dev.lamina.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.initializers.RandomNormal;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BatchNormalizationTest {
    private static final float[][] X3 = {{1, 2, 3}, {4, 6, 8}, {-2, 0, 7}};

    @Test
    void threeByThreeInTrainingAndInferenceByHand() {
        BatchNormalization bn = BatchNormalization.of();
        bn.build(Shape.of(3));
        Tensor x = Tensor.of(X3);
        Tensor y = bn.forward(x, Mode.TRAINING).copy();
        for (int c = 0; c < 3; c++) {
            double mean = (X3[0][c] + X3[1][c] + X3[2][c]) / 3.0;
            double var = 0;
            for (float[] row : X3) {
                var += (row[c] - mean) * (row[c] - mean);
            }
            var /= 3; // biased
            for (int r = 0; r < 3; r++) {
                double expected = (X3[r][c] - mean) / Math.sqrt(var + 1e-3); // gamma 1, beta 0
                assertEquals(expected, y.get(r, c), 1e-6, "y[" + r + "][" + c + "]");
            }
            // moving = moving * 0.99 + batch * 0.01, from mean 0 and variance 1.
            assertEquals(0.01 * mean, bn.movingMean().value().data()[c], 1e-7);
            assertEquals(0.99 + 0.01 * var, bn.movingVariance().value().data()[c], 1e-6);
        }
        Tensor inf = bn.forward(x, Mode.INFERENCE);
        for (int c = 0; c < 3; c++) {
            double mm = bn.movingMean().value().data()[c];
            double mv = bn.movingVariance().value().data()[c];
            for (int r = 0; r < 3; r++) {
                assertEquals((X3[r][c] - mm) / Math.sqrt(mv + 1e-3), inf.get(r, c), 1e-6);
            }
        }
    }

    @Test
    void kerasFiguresMomentumZeroAndConstantInputs() {
        BatchNormalization bn = BatchNormalization.builder().momentum(0).build();
        bn.build(Shape.of(2));
        Tensor y = bn.forward(Tensor.of(new float[][] {{1, 5}, {2, 5}}), Mode.TRAINING);
        assertArrayEquals(new float[] {1.5f, 5.0f}, bn.movingMean().value().data());
        assertArrayEquals(new float[] {0.25f, 0.0f}, bn.movingVariance().value().data());
        // The constant column normalizes to beta (0).
        assertEquals(0f, y.get(0, 1));
        BatchNormalization shifted = BatchNormalization.builder()
                .betaInitializer(dev.lamina.initializers.Constant.of(0.7)).build();
        shifted.build(Shape.of(2));
        Tensor c = shifted.forward(Tensor.of(new float[][] {{3, 3}, {3, 3}, {3, 3}}), Mode.TRAINING);
        for (float v : c.data()) {
            assertEquals(0.7f, v, 1e-5); // x * inv + (beta - mean * inv), as Keras computes it in float32
        }
    }

    private static void check(BatchNormalization bn, Tensor x, Mode mode) {
        List<float[]> state = new java.util.ArrayList<>();
        for (Parameter p : bn.nonTrainableWeights()) {
            state.add(p.value().data().clone());
        }
        long step = bn.step();
        // Restore the moving (and renorm) statistics before each pass, so every pass sees the same state.
        new GradientCheck().beforeEachForward(() -> {
            List<Parameter> ps = bn.nonTrainableWeights();
            for (int i = 0; i < ps.size(); i++) {
                System.arraycopy(state.get(i), 0, ps.get(i).value().data(), 0, state.get(i).length);
            }
            bn.setStep(step);
        }).check(bn, x, mode);
    }

    private static BatchNormalizationConfig.Builder randomAffine() {
        return BatchNormalization.builder().gammaInitializer(new RandomNormal(1, 0.5, false, 1L))
                .betaInitializer(new RandomNormal(0, 0.5, false, 2L))
                .movingMeanInitializer(new RandomNormal(0, 0.5, false, 3L));
    }

    @Test
    void gradientsInTrainingAndInferenceWithCenterAndScaleOnAndOff() {
        Tensor x = GradientCheck.input(6, 4, 5, 0);
        for (boolean center : new boolean[] {true, false}) {
            for (boolean scale : new boolean[] {true, false}) {
                for (Mode mode : new Mode[] {Mode.TRAINING, Mode.INFERENCE}) {
                    BatchNormalization bn = randomAffine().center(center).scale(scale).build();
                    bn.build(Shape.of(4));
                    check(bn, x, mode);
                }
            }
        }
    }

    @Test
    void gradientsForOtherAxesAndGhostBatches() {
        BatchNormalization axis1 = randomAffine().axis(1).build();
        axis1.build(Shape.of(3, 4));
        check(axis1, GradientCheck.input(5, 12, 6, 0).reshape(5, 3, 4), Mode.TRAINING);
        BatchNormalization ghost = randomAffine().virtualBatchSize(3).build();
        ghost.build(Shape.of(4));
        check(ghost, GradientCheck.input(8, 4, 7, 0), Mode.TRAINING);
    }

    @Test
    void renormGradientWithActiveClipping() {
        // Renorm's r and d are constants for the gradient (stop-gradient, as in the paper and Keras).
        // With the renorm statistics far from the batch's, r sits at rmax and d at -dmax, so the
        // function really is locally the one the analytic gradient describes.
        BatchNormalization bn = randomAffine().renorm(new RenormClipping(0.5, 2.0, 0.5)).build();
        bn.build(Shape.of(4));
        java.util.Arrays.fill(bn.weights().get(5).value().data(), 40f); // renorm_mean: far above the data
        java.util.Arrays.fill(bn.weights().get(6).value().data(), 0.01f); // renorm_stddev: tiny -> r clipped
        check(bn, GradientCheck.input(6, 4, 8, 0), Mode.TRAINING);
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance", "moving_stddev", "renorm_mean",
                "renorm_stddev"), bn.weights().stream().map(Parameter::name).toList());
    }

    @Test
    void renormWithoutClippingFollowsKerasUpdates() {
        BatchNormalization bn = BatchNormalization.builder().renorm(null).momentum(0.5).renormMomentum(0.5).build();
        bn.build(Shape.of(1));
        bn.forward(Tensor.column(1, 3), Mode.TRAINING); // mean 2, variance 1
        double std = Math.sqrt(1 + 1e-3);
        assertEquals(1.0, bn.weights().get(5).value().data()[0], 1e-6, "renorm_mean = 0.5 * 0 + 0.5 * 2");
        assertEquals(0.5 * 1 + 0.5 * std, bn.weights().get(6).value().data()[0], 1e-6, "renorm_stddev");
        double ms = 0.5 * 1 + 0.5 * std;
        assertEquals(ms, bn.weights().get(4).value().data()[0], 1e-6, "moving_stddev");
        assertEquals(ms * ms - 1e-3, bn.movingVariance().value().data()[0], 1e-6, "moving_variance = stddev² - eps");
    }

    @Test
    void renormWarmupFollowsThePaperSchedule() {
        RenormClipping target = RenormClipping.PAPER;
        RenormClipping start = RenormWarmup.PAPER.at(0, target);
        assertEquals(1.0, start.rmax());
        assertEquals(0.0, start.dmax());
        assertEquals(1.0, start.rmin());
        RenormClipping mid = RenormWarmup.PAPER.at(15_000, target);
        assertEquals(1 + 2 * 10_000 / 35_000.0, mid.rmax(), 1e-12);
        assertEquals(5 * 10_000 / 20_000.0, mid.dmax(), 1e-12);
        RenormClipping end = RenormWarmup.PAPER.at(50_000, target);
        assertEquals(3.0, end.rmax());
        assertEquals(5.0, end.dmax());
        assertEquals(1.0 / 3, end.rmin(), 1e-12);
    }

    @Test
    void aFrozenLayerUsesMovingStatisticsEvenInTraining() {
        BatchNormalization bn = BatchNormalization.builder().trainable(false).build();
        bn.build(Shape.of(3));
        Tensor y = bn.forward(Tensor.of(X3), Mode.TRAINING);
        assertEquals(X3[1][2] / Math.sqrt(1 + 1e-3), y.get(1, 2), 1e-6);
        assertArrayEquals(new float[3], bn.movingMean().value().data());
        assertTrue(bn.trainableWeights().isEmpty());
    }

    @Test
    void configRoundTripAndKerasKeys() {
        Tensor x = GradientCheck.input(4, 3, 1, 0);
        LayerHarness.roundTrip(randomAffine().momentum(0.9).epsilon(1e-5).name("bn").build(), Shape.of(3), x);
        LayerHarness.roundTrip(BatchNormalization.builder().renorm(RenormClipping.PAPER).renormWarmup(RenormWarmup.PAPER)
                .build(), Shape.of(3), x);
        LayerHarness.roundTrip(BatchNormalization.builder().virtualBatchSize(2).center(false).build(), Shape.of(3), x);
        var m = BatchNormalization.of().config().toMap();
        assertEquals(0.99, m.get("momentum"));
        assertEquals(1e-3, m.get("epsilon"));
        assertEquals(-1, m.get("axis"));
        assertEquals(false, m.get("renorm"));
        java.util.Map<String, Object> keras2 = new java.util.HashMap<>(m);
        keras2.put("axis", List.of(1));
        keras2.put("name", "bn_keras2");
        BatchNormalization fromKeras2 = (BatchNormalization) LayerRegistry.fromConfig("BatchNormalization", keras2);
        fromKeras2.build(Shape.of(3));
        assertEquals(3, fromKeras2.channels());
    }

    private static void assertMessage(Executable e, String... parts) {
        Throwable t = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message lacks '" + p + "': " + t.getMessage());
        }
    }

    @Test
    void badArguments() {
        assertMessage(() -> BatchNormalization.builder().momentum(1.5).build(), "'momentum'", "[0, 1]", "1.5");
        assertMessage(() -> BatchNormalization.builder().momentum(-0.1).build(), "'momentum'");
        assertMessage(() -> BatchNormalization.builder().epsilon(0).build(), "'epsilon'", "> 0");
        BatchNormalization axis = BatchNormalization.builder().axis(3).name("bn_axis").build();
        assertMessage(() -> axis.build(Shape.of(11)), "BatchNormalization 'bn_axis' has axis 3", "axes 1..1");
        assertMessage(() -> BatchNormalization.builder().axis(0).build(), "'axis'", "batch");
        assertMessage(() -> new RenormClipping(null, 0.5, null), "'renorm_clipping.rmax'", ">= 1");
        assertMessage(() -> new RenormClipping(null, null, -1.0), "'renorm_clipping.dmax'", ">= 0");
        BatchNormalization bn = BatchNormalization.builder().name("bn_one").build();
        bn.build(Shape.of(2));
        assertMessage(() -> bn.forward(Tensor.of(new float[][] {{1, 2}}), Mode.TRAINING),
                "BatchNormalization 'bn_one' received a training batch of 1 row", "LastBatch.MERGE");
        assertEquals(1, bn.forward(Tensor.of(new float[][] {{1, 2}}), Mode.INFERENCE).rows());
    }

    @Test
    void layerNormalizationMatchesKerasAndPassesTheGradientCheck() {
        LayerNormalization ln = new LayerNormalization(new LayerNormalization.Config(null, true, 1e-3, true, true,
                dev.lamina.initializers.Constant.ONES, dev.lamina.initializers.Constant.ONES, null, null, null, null));
        ln.build(Shape.of(5));
        Tensor y = ln.forward(Tensor.of(new float[][] {{0, 1, 2, 3, 4}}), Mode.INFERENCE);
        float[] keras = {-0.41386f, 0.29307f, 1.0f, 1.70693f, 2.41386f};
        for (int j = 0; j < 5; j++) {
            assertEquals(keras[j], y.data()[j], 1e-5);
        }
        LayerNormalization random = new LayerNormalization(new LayerNormalization.Config(null, true, 1e-3, true, true,
                new RandomNormal(0, 0.5, false, 1L), new RandomNormal(1, 0.5, false, 2L), null, null, null, null));
        random.build(Shape.of(6));
        new GradientCheck().check(random, GradientCheck.input(3, 6, 9, 0));
        LayerHarness.roundTrip(LayerNormalization.of(), Shape.of(6), GradientCheck.input(3, 6, 9, 0));
        // A batch of one row is fine: the statistics are per row.
        assertEquals(1, LayerNormalization.of().config().epsilon() > 0 ? 1 : 0);
    }

    @Test
    void layerNormalizationWithRmsScalingMatchesKerasAndPassesTheGradientCheck() {
        // keras.layers.LayerNormalization(rms_scaling=True, epsilon=1e-3), gamma set as below (Keras 3.15.1, JAX).
        LayerNormalization ln = new LayerNormalization(LayerNormalization.Config.fromMap(
                java.util.Map.of("rms_scaling", true, "epsilon", 1e-3)));
        ln.build(Shape.of(5));
        assertEquals(List.of("gamma"), ln.weights().stream().map(p -> p.name()).toList());
        System.arraycopy(new float[] {1, 0.5f, 2, -1, 1.5f}, 0, ln.weights().get(0).value().data(), 0, 5);
        Tensor y = ln.forward(Tensor.of(new float[][] {{0, 1, 2, 3, 4}, {-2, 0.5f, 3, 1, -1}}), Mode.INFERENCE);
        float[] keras = {0.0f, 0.35346502f, 2.82772017f, -2.12079000f, 4.24158001f,
            -1.16228008f, 0.14528501f, 3.48684025f, -0.58114004f, -0.87171006f};
        for (int j = 0; j < keras.length; j++) {
            assertEquals(keras[j], y.data()[j], 1e-5);
        }
        assertEquals(true, ln.config().toMap().get("rms_scaling"));
        LayerNormalization random = new LayerNormalization(new LayerNormalization.Config(null, true, 1e-3, true, true,
                new RandomNormal(0, 0.5, false, 1L), new RandomNormal(1, 0.5, false, 2L), null, null, null, null, true));
        random.build(Shape.of(6));
        new GradientCheck().check(random, GradientCheck.input(3, 6, 9, 0));
    }

    @Test
    void rmsAndUnitNormalizationPassTheGradientCheck() {
        RMSNormalization rms = RMSNormalization.of();
        rms.build(Shape.of(6));
        System.arraycopy(new float[] {0.5f, 1.5f, -1, 2, 0.25f, 1}, 0, rms.weights().get(0).value().data(), 0, 6);
        new GradientCheck().check(rms, GradientCheck.input(3, 6, 11, 0));
        LayerHarness.roundTrip(rms, Shape.of(6), GradientCheck.input(3, 6, 2, 0));
        UnitNormalization unit = UnitNormalization.of();
        unit.build(Shape.of(5));
        new GradientCheck().check(unit, GradientCheck.input(4, 5, 12, 0));
        Tensor y = unit.forward(Tensor.of(new float[][] {{3, 4, 0, 0, 0}, {0, 0, 0, 0, 0}}), Mode.INFERENCE);
        assertEquals(0.6f, y.get(0, 0), 1e-7);
        assertEquals(0.8f, y.get(0, 1), 1e-7);
        assertEquals(0f, y.get(1, 2), "a row of zeros stays zero");
    }
}
