package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.layers.regularization.NoiseLayer;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * Tools for trained models with BatchNormalization: re-estimating the population statistics, and
 * folding each BN layer into an adjacent Dense layer for inference.
 */
public final class BatchNormTools {
    private BatchNormTools() {}

    /**
     * Recomputes every BN layer's moving mean and variance as the exact mean and (biased) variance
     * of its inputs over {@code x}, with dropout off and the earlier BN layers already re-estimated
     * ("PreciseBN", Wu &amp; Johnson, "Rethinking 'Batch' in BatchNorm", 2021). Moving averages lag
     * behind the weights and mix statistics of old weights; this replaces them with what the final
     * weights actually produce.
     *
     * @param x inputs, e.g. the training rows (or a large sample of them)
     * @param batchSize rows per forward pass
     */
    public static void reestimate(Sequential model, Tensor x, int batchSize) {
        Check.arg(batchSize > 0, "reestimate", "batch_size", batchSize, "a positive integer");
        DataCheck.notEmpty("reestimate: x", x);
        model.checkInputShape("x", x);
        List<Layer> layers = model.layers();
        for (int k = 0; k < layers.size(); k++) {
            if (!(layers.get(k) instanceof BatchNormalization bn)) {
                continue;
            }
            int channels = bn.channels();
            long[] count = {0};
            double[] mean = new double[channels];
            double[] m2 = new double[channels];
            dev.lamina.tensor.Buffer buffer = new dev.lamina.tensor.Buffer();
            for (int start = 0; start < x.rows(); start += batchSize) {
                int rows = Math.min(batchSize, x.rows() - start);
                Tensor t = Evaluator.slice(x, start, rows, buffer);
                for (int i = 0; i < k; i++) {
                    t = layers.get(i).forward(t, Mode.INFERENCE);
                }
                bn.accumulateMoments(t, count, mean, m2);
            }
            double[] variance = new double[channels];
            for (int c = 0; c < channels; c++) {
                variance[c] = m2[c] / count[0];
            }
            bn.setMovingStatistics(mean, variance);
        }
    }

    /**
     * An equivalent model for inference with every foldable BN layer merged into a Dense layer:
     * a BN right after a Dense without activation becomes part of that Dense
     * ({@code W' = W diag(s)}, {@code b' = (b - mean) s + beta}, with {@code s = gamma / sqrt(var + eps)});
     * otherwise a BN right before a Dense is folded into it ({@code W' = diag(s) W},
     * {@code b' = b + Wᵀ (beta - s mean)}). An activation between the two (Dense(relu) → BN) is
     * respected: that BN is folded forward instead. Dropout and its relatives, the identity at
     * inference, are left out. The new model is built and not compiled.
     */
    public static Sequential fold(Sequential model) {
        Check.state(model.built() || model.input() != null, "Sequential '" + model.name() + "' is not built: fold"
                + " a trained model.");
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!(l instanceof NoiseLayer)) {
                layers.add(l);
            }
        }
        Sequential out = new Sequential(model.name() + "_folded");
        out.add(Input.of(model.inputShape().dims()));
        List<float[][]> values = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            if (l instanceof Dense dense && dense.activation().name().equals("linear")
                    && next instanceof BatchNormalization bn && bn.normalizesFeatures()) {
                out.add(foldedDense(dense));
                values.add(foldBackward(dense, bn));
                i++;
            } else if (l instanceof BatchNormalization bn && bn.normalizesFeatures() && next instanceof Dense dense) {
                out.add(foldedDense(dense));
                values.add(foldForward(bn, dense));
                i++;
            } else {
                Layer copy = LayerRegistry.copyOf(l);
                out.add(copy);
                float[][] w = new float[l.weights().size()][];
                for (int j = 0; j < w.length; j++) {
                    w[j] = l.weights().get(j).value().data().clone();
                }
                values.add(w);
            }
        }
        List<float[]> flat = new ArrayList<>();
        for (float[][] v : values) {
            flat.addAll(List.of(v));
        }
        out.setWeights(flat);
        return out;
    }

    private static Dense foldedDense(Dense dense) {
        return Dense.builder(dense.units()).name(dense.name()).activation(dense.activation().name()).useBias(true)
                .build();
    }

    private static float[][] foldBackward(Dense dense, BatchNormalization bn) {
        double[][] t = bn.inferenceTransform();
        Parameter k = dense.kernel();
        int in = k.value().rows();
        int units = dense.units();
        float[] w = new float[in * units];
        float[] b = new float[units];
        for (int j = 0; j < units; j++) {
            double bias = dense.bias() == null ? 0 : dense.bias().value().data()[j];
            b[j] = (float) (bias * t[0][j] + t[1][j]);
            for (int i = 0; i < in; i++) {
                w[i * units + j] = (float) (k.value().data()[i * units + j] * t[0][j]);
            }
        }
        return new float[][] {w, b};
    }

    private static float[][] foldForward(BatchNormalization bn, Dense dense) {
        double[][] t = bn.inferenceTransform();
        Parameter k = dense.kernel();
        int in = k.value().rows();
        int units = dense.units();
        float[] w = new float[in * units];
        float[] b = new float[units];
        for (int j = 0; j < units; j++) {
            double bias = dense.bias() == null ? 0 : dense.bias().value().data()[j];
            for (int i = 0; i < in; i++) {
                double kij = k.value().data()[i * units + j];
                w[i * units + j] = (float) (kij * t[0][i]);
                bias += kij * t[1][i];
            }
            b[j] = (float) bias;
        }
        return new float[][] {w, b};
    }
}
