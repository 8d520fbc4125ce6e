package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.regularization.AlphaDropout;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.GaussianDropout;
import dev.lamina.layers.regularization.SpatialDropout1D;
import dev.lamina.util.Warnings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Advice on layer order, logged once per process: a dropout layer placed directly before
 * BatchNormalization shifts the variance BN sees between training and inference (Li, Chen, Hu and
 * Yang, "Understanding the Disharmony between Dropout and Batch Normalization by Variance Shift",
 * CVPR 2019). The order stays allowed (the lesson itself uses it).
 */
final class LayerOrderAdvice {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private LayerOrderAdvice() {}

    /** The advice for adding {@code next} after {@code layers}, if any. */
    static Optional<String> advice(List<Layer> layers, Layer next) {
        if (layers.isEmpty() || !next.className().equals("BatchNormalization")) {
            return Optional.empty();
        }
        Layer prev = layers.get(layers.size() - 1);
        boolean dropout = prev instanceof Dropout || prev instanceof GaussianDropout || prev instanceof AlphaDropout
                || prev instanceof SpatialDropout1D;
        if (!dropout) {
            return Optional.empty();
        }
        return Optional.of(prev + " comes directly before " + next + ": dropout changes the variance of BN's"
                + " inputs between training and inference (variance shift, Li et al. 2019), which can hurt"
                + " accuracy. Consider placing Dropout after the BatchNormalization (or after the last one).");
    }

    /** Logs the advice for adding {@code next}, the first time any model needs it. */
    static void check(List<Layer> layers, Layer next) {
        advice(layers, next).ifPresent(message -> {
            if (WARNED.compareAndSet(false, true)) {
                Warnings.warn(Sequential.class, message);
            }
        });
    }
}
