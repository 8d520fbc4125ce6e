package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.KeepMaskLayer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Dense(relu) layer that takes the mask of the Dropout after it gives every parameter the
 * gradient that the two layers' own backward passes give, to the bit.
 */
class MaskedBackwardTest {
    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(9), Dense.of(64, "relu"), Dropout.of(0.3), BatchNormalization.of(),
                Dense.of(48, "relu"), Dropout.of(0.5), Dense.of(40, "tanh"), Dropout.of(0.2), Dense.of(1)).seed(3);
        m.compile("adam", "mse");
        m.build(9);
        return m;
    }

    private static float[][] gradients(Sequential m) {
        List<Parameter> ps = m.weights();
        float[][] g = new float[ps.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = ps.get(i).grad() == null ? new float[0] : ps.get(i).grad().data().clone();
        }
        return g;
    }

    private static void clearGradients(Sequential m) {
        for (Parameter p : m.weights()) {
            if (p.grad() != null) {
                Arrays.fill(p.grad().data(), 0f);
            }
        }
    }

    @Test
    void theMaskedPassGivesTheLayersOwnGradients() {
        Sequential m = model();
        Tensor x = GradientCheck.input(100, 9, 1, 0);
        for (int i = 0; i < 9 * 100; i += 7) {
            x.data()[i] *= 30; // some rows well past zero, so relu cuts
        }
        Tensor g = GradientCheck.input(100, 1, 2, 0);
        m.forward(x, Mode.TRAINING);
        List<Layer> layers = m.layers();
        assertNotNull(((KeepMaskLayer) layers.get(1)).lastKeepMask(), "the first dropout drew a mask");
        assertTrue(((Dense) layers.get(0)).takesDropoutMask());
        assertTrue(!((Dense) layers.get(5)).takesDropoutMask(), "tanh takes no mask: its dropout runs on its own");

        clearGradients(m);
        m.backward(g);
        float[][] masked = gradients(m);

        clearGradients(m);
        Tensor d = g;
        for (int i = layers.size() - 1; i >= 0; i--) {
            layers.get(i).setComputeInputGradient(i > 0);
            d = layers.get(i).backward(d);
        }
        float[][] own = gradients(m);

        int nonzero = 0;
        for (int p = 0; p < own.length; p++) {
            assertEquals(own[p].length, masked[p].length);
            for (int i = 0; i < own[p].length; i++) {
                assertEquals(Float.floatToRawIntBits(own[p][i]), Float.floatToRawIntBits(masked[p][i]),
                        m.weights().get(p).name() + "[" + i + "]");
                nonzero += own[p][i] != 0f ? 1 : 0;
            }
        }
        assertTrue(nonzero > 1000, "gradients that are not zero: " + nonzero);
    }

    @Test
    void aDenseWithoutAMaskTakingActivationRefusesOne() {
        Sequential m = model();
        Dense tanh = (Dense) m.layers().get(5);
        m.forward(GradientCheck.input(4, 9, 1, 0), Mode.TRAINING);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tanh.backwardThroughMask(Tensor.zeros(4, 40), new boolean[160], 0.8f));
        assertEquals("Dense '" + tanh.name() + "': backwardThroughMask needs an activation that takes a dropout mask"
                + " (relu), not tanh; use backward.", e.getMessage());
    }
}
