package dev.lamina.models;

import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.GaussianNoise;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.lang.management.ManagementFactory;

/**
 * Measures what a warmed-up training step allocates (run in a JVM of its own by {@link AllocationTest}):
 * the bytes this thread allocates for a fit of 50 steps per epoch and one of 500 steps per epoch,
 * per step of difference. The model is small, so every product runs on this thread and is counted.
 */
public final class AllocationMain {
    private AllocationMain() {}

    public static void main(String[] args) {
        System.out.println("bytes per step " + perStep());
    }

    /** The least of several measurements of the bytes one training step allocates, warmed up. */
    static String perStep() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // 48 units: whole tiles of every GEMM tile (3 x 3 folds those from its registers), as well as edges.
        Sequential model = Sequential.of(Input.of(8), Dense.of(48, "relu"), Dropout.of(0.3),
                BatchNormalization.of(), Dense.of(16, "gelu"), GaussianNoise.of(0.1), LayerNormalization.of(),
                Activation.of("tanh"), Dense.of(4, "softmax")).seed(1);
        model.compile(new Adam(), Losses.get("categorical_crossentropy"), "accuracy", "mae");
        // 50 and 500 steps a epoch, plus a last partial batch of 3 rows in each.
        Tensor xSmall = GradientCheck.input(50 * 16 + 3, 8, 1, 0);
        Tensor xLarge = GradientCheck.input(500 * 16 + 3, 8, 2, 0);
        Tensor ySmall = oneHot(xSmall.rows());
        Tensor yLarge = oneHot(xLarge.rows());
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(16).verbose(0);
        for (int warm = 0; warm < 5; warm++) {
            model.fit(xLarge, yLarge, options);
            model.fit(xSmall, ySmall, options);
        }
        // The least of at least 10 measurements, more for up to a minute while any allocates: C2
        // compiles in the background and can lag the warm-up on a busy machine (boxing left in
        // compiled code would allocate in every one).
        long id = Thread.currentThread().getId();
        double perStep = Double.MAX_VALUE;
        long small = 0;
        long large = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (int round = 0; perStep >= 8 && (round < 10 || System.nanoTime() < deadline); round++) {
            long before = bean.getThreadAllocatedBytes(id);
            model.fit(xSmall, ySmall, options);
            small = bean.getThreadAllocatedBytes(id) - before;
            before = bean.getThreadAllocatedBytes(id);
            model.fit(xLarge, yLarge, options);
            large = bean.getThreadAllocatedBytes(id) - before;
            // The shuffle order array grows with the rows (4 bytes a row, 16 rows a step): allow for it.
            perStep = Math.min(perStep, (large - small - 4.0 * (xLarge.rows() - xSmall.rows())) / (2 * 450.0));
        }
        return perStep + " (small fit " + small + ", large fit " + large + ")";
    }

    private static Tensor oneHot(int rows) {
        Tensor y = Tensor.zeros(rows, 4);
        for (int i = 0; i < rows; i++) {
            y.set(i, i % 4, 1);
        }
        return y;
    }
}
