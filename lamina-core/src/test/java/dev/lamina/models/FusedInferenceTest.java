package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.layers.Mode;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.GaussianNoise;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/** Predictions through the fused inference path have the bits of every layer's own inference pass. */
class FusedInferenceTest {
    /**
     * A trained model with each kind of group: Dense(relu) → Dropout → BN (W1's), Dense(linear) → BN,
     * Dense(tanh) → BN (not fused: tanh), Dense(relu) → noise with no BN, BN → Activation, Dense(1).
     */
    private static Sequential trained() {
        Sequential m = Sequential.of(Input.of(11), Dense.of(64, "relu"), Dropout.of(0.3), BatchNormalization.of(),
                Dense.of(48), BatchNormalization.of(), Dense.of(40, "tanh"), BatchNormalization.of(),
                Dense.of(33, "relu"), GaussianNoise.of(0.1), Dense.of(20), BatchNormalization.of(),
                Activation.of("relu"), Dense.of(1)).seed(7);
        m.compile("adam", "mse");
        Tensor x = GradientCheck.input(300, 11, 1, 0);
        Tensor y = GradientCheck.input(300, 1, 2, 0);
        m.fit(x, y, FitOptions.defaults().epochs(3).batchSize(32).verbose(0));
        return m;
    }

    @Test
    void predictionsMatchTheLayerByLayerPassAtEveryBatchSize() {
        Sequential m = trained();
        Tensor x = GradientCheck.input(700, 11, 3, 0);
        for (int i = 0; i < 700 * 11; i += 13) {
            x.data()[i] *= 40; // some large inputs, so relu cuts and BN shifts matter
        }
        float[] expected = m.forward(x, Mode.INFERENCE).data().clone();
        for (int batch : new int[] {1, 3, 4, 5, 64, 700}) {
            assertArrayEquals(expected, m.predict(x, batch).data(), "batch " + batch);
        }
        Tensor one = Tensor.wrap(java.util.Arrays.copyOf(x.data(), 11), 1, 11);
        assertEquals(expected[0], m.predict(one).data()[0]);
    }

    @Test
    void evaluationUsesTheSameOutputs() {
        Sequential m = trained();
        Tensor x = GradientCheck.input(200, 11, 4, 0);
        Tensor y = GradientCheck.input(200, 1, 5, 0);
        double[] perRow = m.perSampleLoss(x, y);
        float[] out = m.forward(x, Mode.INFERENCE).data();
        for (int i = 0; i < 200; i++) {
            double d = out[i] - y.data()[i];
            assertEquals(d * d, perRow[i], 1e-6 * (1 + d * d));
        }
    }

    @Test
    void aFusedDenseKeepsNothingForBackward() {
        Sequential m = trained();
        Dense first = (Dense) m.layers().get(0);
        first.forwardInference(GradientCheck.input(4, 11, 6, 0), null, null);
        assertThrows(IllegalStateException.class, () -> first.backward(Tensor.zeros(4, 64)));
        Dense tanh = (Dense) m.layers().get(5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tanh.forwardInference(GradientCheck.input(4, 48, 6, 0), null, null));
        assertEquals("Dense '" + tanh.name() + "': forwardInference applies linear and relu only, not tanh;"
                + " use forward(x, Mode.INFERENCE).", e.getMessage());
    }
}
