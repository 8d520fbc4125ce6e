package dev.lamina.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.constraints.NonNeg;
import dev.lamina.initializers.Constant;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.optimizers.schedules.CosineDecay;
import dev.lamina.optimizers.schedules.ExponentialDecay;
import dev.lamina.optimizers.schedules.PiecewiseConstantDecay;
import dev.lamina.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * First steps of each optimizer against Keras 3's update formulas, written out by hand in double.
 * The weight starts at w0 = (1, -2); the gradient is g1 = (0.5, -1) at step 1 and g2 = (-0.3, 0.2)
 * at step 2.
 */
class OptimizersTest {
    private static final double[] W0 = {1, -2};
    private static final double[] G1 = {0.5, -1};
    private static final double[] G2 = {-0.3, 0.2};

    private static Parameter param() {
        Dense d = Dense.builder(1).useBias(false).kernelInitializer(Constant.ZEROS).build();
        d.build(Shape.of(2));
        Parameter p = d.kernel();
        p.value().data()[0] = (float) W0[0];
        p.value().data()[1] = (float) W0[1];
        return p;
    }

    /** Runs two steps and checks the weights after each against {@code expected[step][i]}. */
    private static void twoSteps(Optimizer opt, double[][] expected) {
        Parameter p = param();
        double[][] grads = {G1, G2};
        for (int step = 0; step < 2; step++) {
            p.grad().data()[0] = (float) grads[step][0];
            p.grad().data()[1] = (float) grads[step][1];
            opt.apply(List.of(p));
            for (int i = 0; i < 2; i++) {
                double e = expected[step][i];
                assertEquals(e, p.value().data()[i], 2e-6 * Math.max(1, Math.abs(e)),
                        opt.className() + " step " + (step + 1) + " w[" + i + "]");
            }
        }
        assertEquals(2, opt.iterations());
    }

    @Test
    void sgdWithMomentum() {
        double lr = 0.1;
        double mu = 0.9;
        double[][] expected = new double[2][2];
        for (int i = 0; i < 2; i++) {
            double v1 = mu * 0 - lr * G1[i];
            double w1 = W0[i] + v1;
            double v2 = mu * v1 - lr * G2[i];
            expected[0][i] = w1;
            expected[1][i] = w1 + v2;
        }
        twoSteps(SGD.of(lr).momentum(mu), expected);
    }

    @Test
    void sgdWithNesterovMomentum() {
        double lr = 0.1;
        double mu = 0.9;
        double[][] expected = new double[2][2];
        for (int i = 0; i < 2; i++) {
            double v1 = -lr * G1[i];
            double w1 = W0[i] + mu * v1 - lr * G1[i];
            double v2 = mu * v1 - lr * G2[i];
            expected[0][i] = w1;
            expected[1][i] = w1 + mu * v2 - lr * G2[i];
        }
        twoSteps(SGD.of(lr).momentum(mu).nesterov(true), expected);
    }

    @Test
    void plainSgdUsesKerasDefaultRate() {
        double[][] expected = new double[2][2];
        for (int i = 0; i < 2; i++) {
            expected[0][i] = W0[i] - 0.01 * G1[i];
            expected[1][i] = expected[0][i] - 0.01 * G2[i];
        }
        twoSteps(new SGD(), expected);
    }

    private static double[][] adam(double lr, double wd, boolean amsgrad) {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        double[][] expected = new double[2][2];
        for (int i = 0; i < 2; i++) {
            double w = W0[i];
            double m = 0;
            double v = 0;
            double vhat = 0;
            double[] g = {G1[i], G2[i]};
            for (int t = 1; t <= 2; t++) {
                w = w - w * wd * lr;
                double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                m = m + (g[t - 1] - m) * (1 - b1);
                v = v + (g[t - 1] * g[t - 1] - v) * (1 - b2);
                vhat = Math.max(vhat, v);
                w = w - alpha * m / (Math.sqrt(amsgrad ? vhat : v) + eps);
                expected[t - 1][i] = w;
            }
        }
        return expected;
    }

    @Test
    void adam() {
        twoSteps(Adam.of(0.01), adam(0.01, 0, false));
    }

    @Test
    void adamWithAmsgrad() {
        twoSteps(Adam.of(0.01).amsgrad(true), adam(0.01, 0, true));
    }

    @Test
    void adamWDecaysBeforeTheAdamUpdate() {
        twoSteps(AdamW.of(0.01, 0.1), adam(0.01, 0.1, false));
        assertEquals(0.004, new AdamW().weightDecay());
    }

    @Test
    void rmspropPlainCenteredAndWithMomentum() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-7;
        for (boolean centered : new boolean[] {false, true}) {
            for (double mu : new double[] {0, 0.5}) {
                double[][] expected = new double[2][2];
                for (int i = 0; i < 2; i++) {
                    double w = W0[i];
                    double s = 0;
                    double a = 0;
                    double m = 0;
                    double[] g = {G1[i], G2[i]};
                    for (int t = 0; t < 2; t++) {
                        s = rho * s + (1 - rho) * g[t] * g[t];
                        a = rho * a + (1 - rho) * g[t];
                        double denominator = centered ? s - a * a + eps : s + eps;
                        double increment = lr * g[t] / Math.sqrt(denominator);
                        if (mu > 0) {
                            m = mu * m + increment;
                            w -= m;
                        } else {
                            w -= increment;
                        }
                        expected[t][i] = w;
                    }
                }
                twoSteps(RMSprop.of(lr).centered(centered).momentum(mu), expected);
            }
        }
    }

    @Test
    void adagrad() {
        double lr = 0.1;
        double[][] expected = new double[2][2];
        for (int i = 0; i < 2; i++) {
            double acc = 0.1 + G1[i] * G1[i];
            double w1 = W0[i] - lr * G1[i] / Math.sqrt(acc + 1e-7);
            acc += G2[i] * G2[i];
            expected[0][i] = w1;
            expected[1][i] = w1 - lr * G2[i] / Math.sqrt(acc + 1e-7);
        }
        twoSteps(Adagrad.of(lr), expected);
    }

    @Test
    void clipnormClipvalueAndGlobalClipnorm() {
        Parameter p = param();
        p.grad().data()[0] = 3;
        p.grad().data()[1] = 4;
        SGD.of(1).clipnorm(1).apply(List.of(p));
        assertEquals(1 - 0.6, p.value().data()[0], 1e-6);
        assertEquals(-2 - 0.8, p.value().data()[1], 1e-6);

        Parameter q = param();
        q.grad().data()[0] = 3;
        q.grad().data()[1] = -0.2f;
        SGD.of(1).clipvalue(0.5).apply(List.of(q));
        assertEquals(1 - 0.5, q.value().data()[0], 1e-6);
        assertEquals(-2 + 0.2, q.value().data()[1], 1e-6);

        Parameter a = param();
        Parameter b = param();
        a.grad().data()[0] = 3;
        a.grad().data()[1] = 0;
        b.grad().data()[0] = 0;
        b.grad().data()[1] = 4;
        SGD.of(1).globalClipnorm(2.5).apply(List.of(a, b)); // global norm 5 -> scale 0.5
        assertEquals(1 - 1.5, a.value().data()[0], 1e-6);
        assertEquals(-2 - 2, b.value().data()[1], 1e-6);
    }

    @Test
    void schedulesFollowKerasFormulasAndAreReadBeforeEachStep() {
        ExponentialDecay exp = new ExponentialDecay(0.1, 10, 0.5, false);
        assertEquals(0.1 * Math.pow(0.5, 0.5), exp.at(5), 1e-12);
        assertEquals(0.05, new ExponentialDecay(0.1, 10, 0.5, true).at(15), 1e-12);
        CosineDecay cos = CosineDecay.of(1, 100, 0.1);
        assertEquals(0.55, cos.at(50), 1e-12);
        assertEquals(0.1, cos.at(1000), 1e-12);
        CosineDecay warm = new CosineDecay(0, 100, 0, 1.0, 10);
        assertEquals(0.5, warm.at(5), 1e-12);
        assertEquals(1.0, warm.at(10), 1e-12);
        PiecewiseConstantDecay pw = new PiecewiseConstantDecay(List.of(10L, 20L), List.of(1.0, 0.5, 0.1));
        assertEquals(1.0, pw.at(10));
        assertEquals(0.5, pw.at(11));
        assertEquals(0.1, pw.at(21));

        Parameter p = param();
        SGD sgd = new SGD();
        sgd.learningRate(new ExponentialDecay(1, 1, 0.5, false));
        p.grad().data()[0] = 1;
        sgd.apply(List.of(p)); // lr = 1 at step 0
        sgd.apply(List.of(p)); // lr = 0.5 at step 1
        assertEquals(1 - 1 - 0.5, p.value().data()[0], 1e-6);
        assertEquals(0.25, sgd.currentLearningRate(), 1e-12);
    }

    @Test
    void constraintsApplyAfterTheUpdate() {
        Dense d = Dense.builder(1).useBias(false).kernelInitializer(Constant.of(0.1)).kernelConstraint(new NonNeg())
                .build();
        d.build(Shape.of(2));
        d.kernel().grad().data()[0] = 1;
        d.kernel().grad().data()[1] = -1;
        SGD.of(1).apply(d.trainableWeights());
        assertEquals(0f, d.kernel().value().data()[0]);
        assertEquals(1.1f, d.kernel().value().data()[1], 1e-6);
    }

    @Test
    void namesAndErrors() {
        assertEquals("Adam", Optimizers.get("ADAM").className());
        assertEquals(0.001, Optimizers.get("rmsprop").currentLearningRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("muon"));
        assertTrue(e.getMessage().contains("Unknown optimizer 'muon'") && e.getMessage().contains("sgd"));
        assertThrows(IllegalArgumentException.class, () -> new SGD().momentum(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Adam().learningRate(-1));
        assertEquals(0.9, Adam.of(0.1).config().get("beta_1"));
        assertEquals(1e-7, Adam.of(0.1).config().get("epsilon"));
    }
}
