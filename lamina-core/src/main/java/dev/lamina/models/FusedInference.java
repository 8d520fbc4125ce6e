package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.NoiseLayer;
import dev.lamina.tensor.Tensor;
import java.util.List;

/**
 * A batch through a model's layers in inference mode, with each Dense layer's bias and activation
 * (linear or relu) and a BatchNormalization that follows it applied while the Dense product stores
 * its output ({@link Dense#forwardInference}) instead of in two more passes over it; Dropout and
 * its relatives between the two are the identity at inference and are passed over. Every other
 * layer runs its own {@code forward}. The bits are those of running every layer's
 * {@code forward(x, Mode.INFERENCE)} in turn: each fused step is the same float operation as the
 * pass it replaces. The BatchNormalization is not folded into the Dense weights (as
 * {@link BatchNormTools#fold} does), which would change the rounding.
 *
 * <p>Only for outputs: the fused layers keep nothing for a backward pass.
 */
final class FusedInference {
    private FusedInference() {}

    /** The outputs of {@code layers} for {@code x}. */
    static Tensor run(List<Layer> layers, Tensor x) {
        Tensor t = x;
        int n = layers.size();
        for (int i = 0; i < n; i++) {
            Layer l = layers.get(i);
            if (!(l instanceof Dense dense) || !dense.fusesActivation()) {
                t = l.forward(t, Mode.INFERENCE);
                continue;
            }
            int j = i + 1;
            while (j < n && layers.get(j) instanceof NoiseLayer) {
                j++;
            }
            if (j < n && layers.get(j) instanceof BatchNormalization bn && bn.normalizesFeatures()) {
                float[][] affine = bn.inferenceScaleShift();
                t = dense.forwardInference(t, affine[0], affine[1]);
                i = j;
            } else {
                t = dense.forwardInference(t, null, null);
            }
        }
        return t;
    }
}
