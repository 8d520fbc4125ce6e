package dev.lamina.layers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.constraints.MaxNorm;
import dev.lamina.constraints.NonNeg;
import dev.lamina.constraints.UnitNorm;
import dev.lamina.initializers.Constant;
import dev.lamina.initializers.RandomNormal;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Names;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.regularizers.L1L2;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import dev.lamina.testing.LayerHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenseTest {
    @Test
    void computesXTimesKernelPlusBiasByHand() {
        Dense d = Dense.builder(2).kernelInitializer(Constant.ONES).biasInitializer(Constant.of(0.5)).build();
        d.build(Shape.of(3));
        d.kernel().value().data()[1] = -1; // kernel [[1, -1], [1, 1], [1, 1]]
        Tensor y = d.forward(Tensor.of(new float[][] {{1, 2, 3}, {0, 0, 1}}), Mode.INFERENCE);
        assertEquals(6.5f, y.get(0, 0));
        assertEquals(4.5f, y.get(0, 1));
        assertEquals(1.5f, y.get(1, 0));
        assertEquals(1.5f, y.get(1, 1));
        assertEquals(Shape.of(3, 2), d.kernel().value().shape());
        assertEquals("dense", Names.snake(d.className()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "tanh", "sigmoid", "gelu", "softmax", "selu", "elu", "softplus",
            "softsign", "silu", "leaky_relu", "exponential", "hard_sigmoid"})
    void gradientsMatchCentralDifferences(String activation) {
        Dense d = Dense.builder(5).activation(activation).biasInitializer(new RandomNormal(0, 0.3, false, 4L))
                .build();
        d.build(Shape.of(4));
        // Piecewise-linear activations have no truncation error, so a small step keeps central
        // differences from straddling a kink; smooth ones use the default step.
        boolean piecewiseLinear = List.of("relu", "leaky_relu", "hard_sigmoid").contains(activation);
        GradientCheck check = piecewiseLinear ? new GradientCheck(1e-3, 2e-3, 2e-4, 64) : new GradientCheck();
        check.check(d, GradientCheck.input(3, 4, 11, 0.1));
    }

    @Test
    void gradientCheckCatchesAWrongGradient() {
        Dense d = Dense.of(3, "tanh");
        d.build(Shape.of(4));
        Tensor x = GradientCheck.input(2, 4, 5, 0.1);
        Layer broken = new Layer("broken", true) {
            @Override
            public String className() {
                return "Broken";
            }

            @Override
            public LayerConfig config() {
                return d.config();
            }

            @Override
            protected Shape doBuild(Shape inputShape, dev.lamina.random.RandomStream init) {
                return d.outputShape();
            }

            @Override
            public Tensor forward(Tensor in, Mode mode) {
                return d.forward(in, mode);
            }

            @Override
            public Tensor backward(Tensor gradOut) {
                Tensor dx = d.backward(gradOut);
                dx.data()[0] *= 1.05f;
                return dx;
            }
        };
        broken.build(Shape.of(4));
        List<String> failures = new GradientCheck().failures(broken, x, Mode.TRAINING);
        assertEquals(1, failures.size(), failures.toString());
    }

    @Test
    void worksOnTheLastAxisOfHigherRankInputs() {
        Dense d = Dense.of(3, "tanh");
        d.build(Shape.of(2, 4));
        assertEquals(Shape.of(2, 3), d.outputShape());
        new GradientCheck().check(d, GradientCheck.input(3, 8, 12, 0.1).reshape(3, 2, 4));
    }

    @Test
    void configAndWeightsRoundTrip() {
        Dense d = Dense.builder(4).name("hidden").activation("relu").useBias(true)
                .kernelInitializer(dev.lamina.initializers.VarianceScaling.heNormal(3L))
                .kernelRegularizer(L1L2.of(1e-4, 1e-3)).biasRegularizer(L1L2.l2(0.01))
                .kernelConstraint(MaxNorm.of(2)).biasConstraint(new NonNeg()).build();
        LayerHarness.roundTrip(d, Shape.of(3), GradientCheck.input(5, 3, 1, 0));
        Dense plain = Dense.builder(2).useBias(false).kernelConstraint(new UnitNorm(0)).build();
        Layer copy = LayerHarness.roundTrip(plain, Shape.of(6), GradientCheck.input(2, 6, 2, 0));
        assertNull(((Dense) copy).bias());
        assertEquals(12, copy.countParams());
    }

    @Test
    void kerasConfigHasKerasKeysAndDefaults() {
        Dense d = Dense.of(64);
        var m = d.config().toMap();
        assertEquals(64, m.get("units"));
        assertEquals("linear", m.get("activation"));
        assertEquals(true, m.get("use_bias"));
        assertEquals("GlorotUniform", ((java.util.Map<?, ?>) m.get("kernel_initializer")).get("class_name"));
        assertEquals("Zeros", ((java.util.Map<?, ?>) m.get("bias_initializer")).get("class_name"));
        assertNull(m.get("kernel_regularizer"));
        Dense fromMinimal = (Dense) LayerRegistry.fromConfig("Dense", java.util.Map.of("units", 8));
        assertEquals(Dense.Config.defaults(8).kernelInitializer(), fromMinimal.config().kernelInitializer());
    }

    @Test
    void automaticNamesFollowKeras() {
        Names.reset();
        assertEquals("dense", Dense.of(1).name());
        assertEquals("dense_1", Dense.of(1).name());
        assertEquals("activation", Activation.of("relu").name());
        assertEquals("batch_normalization", Names.snake("BatchNormalization"));
        assertEquals("leaky_re_lu", Names.snake("LeakyReLU"));
    }

    @Test
    void regularizationPenaltyAndFreezing() {
        Dense d = Dense.builder(2).kernelInitializer(Constant.of(-0.5)).kernelRegularizer(L1L2.of(0.1, 0.2)).build();
        d.build(Shape.of(3));
        // 6 weights of -0.5: l1 0.1 * 3 + l2 0.2 * 1.5
        assertEquals(0.3 + 0.3, d.regularizationLoss(), 1e-9);
        assertEquals(2, d.trainableWeights().size());
        d.setTrainable(false);
        assertTrue(d.trainableWeights().isEmpty());
        assertEquals(2, d.nonTrainableWeights().size());
        assertFalse(d.weights().get(0).trainable());
    }

    @Test
    void errorsNameTheLayerAndShapes() {
        Dense d = Dense.builder(4).name("dense_9").build();
        IllegalStateException notBuilt = assertThrows(IllegalStateException.class,
                () -> d.forward(Tensor.zeros(2, 3), Mode.INFERENCE));
        assertTrue(notBuilt.getMessage().contains("Dense 'dense_9' is not built"), notBuilt.getMessage());
        d.build(Shape.of(64));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> d.forward(Tensor.zeros(32, 10), Mode.INFERENCE));
        assertTrue(shape.getMessage().contains("Dense 'dense_9' expected inputs of shape (None, 64) but received"
                + " shape [32, 10]"), shape.getMessage());
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> Dense.of(0));
        assertEquals("Invalid value for argument 'units' of Dense: expected a positive integer, received 0.",
                units.getMessage());
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class, () -> Dense.of(3, "rel"));
        assertTrue(act.getMessage().contains("valid names"), act.getMessage());
    }
}
