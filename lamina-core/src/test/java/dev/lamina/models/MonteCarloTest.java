package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.NoiseLayer;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class MonteCarloTest {
    @Test
    void withoutNoiseLayersTheStdIsZeroAndTheMeanIsThePrediction() {
        Sequential model = Sequential.of(Input.of(4), Dense.of(8, "tanh"), Dense.of(2)).seed(1);
        Tensor x = GradientCheck.input(50, 4, 2, 0);
        Prediction p = model.predict(x, PredictOptions.monteCarlo(20, 3));
        assertArrayEquals(model.predict(x).data(), p.mean().data());
        for (float s : p.std().data()) {
            assertEquals(0f, s);
        }
        assertEquals(20, p.samples());
        Prediction plain = model.predict(x, PredictOptions.defaults());
        assertEquals(1, plain.samples());
    }

    @Test
    void dropoutGivesSpreadAndALinearModelsMeanApproachesThePrediction() {
        Dropout drop = Dropout.of(0.3, 8);
        Sequential model = Sequential.of(Input.of(6), drop, Dense.of(1)).seed(2);
        Tensor x = GradientCheck.input(20, 6, 3, 0);
        Tensor deterministic = model.predict(x);
        int samples = 4000;
        Prediction p = model.predict(x, PredictOptions.monteCarlo(samples, 11));
        for (int i = 0; i < 20; i++) {
            float std = p.std().data()[i];
            assertTrue(std > 0, "row " + i + " std " + std);
            // Inverted dropout keeps the expectation: the mean is within 4 standard errors of the prediction.
            assertEquals(deterministic.data()[i], p.mean().data()[i], 4 * std / Math.sqrt(samples), "row " + i);
        }
        assertEquals(0, drop.noiseStep(), "sampling leaves the training noise sequence alone");
        Prediction again = model.predict(x, PredictOptions.monteCarlo(samples, 11).batchSize(7));
        assertArrayEquals(p.mean().data(), again.mean().data(), "same seed, any batch size: same samples");
        Prediction other = model.predict(x, PredictOptions.monteCarlo(samples, 12));
        assertFalse(java.util.Arrays.equals(p.mean().data(), other.mean().data()));
    }

    @Test
    void badOptions() {
        assertThrows(IllegalArgumentException.class, () -> PredictOptions.monteCarlo(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PredictOptions(0, 10, 0));
        Sequential unbuilt = Sequential.of(Dense.of(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> unbuilt.predict(Tensor.zeros(2, 2), PredictOptions.monteCarlo(5, 0)));
        assertTrue(e.getMessage().contains("is not built"), e.getMessage());
        assertTrue(NoiseLayer.class.isAssignableFrom(Dropout.class));
    }
}
