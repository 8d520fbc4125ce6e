package dev.lamina.spark;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local SGD's average of the workers' states after a round: every weight and optimizer slot
 * averaged by the rows each worker trained on, in worker order, and BatchNormalization's moving
 * variance merged by the law of total variance (the mean of the workers' variances plus the
 * variance of their means), so that statistics of partitions with different means pool as the
 * whole data's would. A single worker's state is taken as it is.
 */
final class StateAverage {
    private StateAverage() {}

    /** The average of {@code states}, worker {@code p} counting {@code rows[p]} (workers with 0 rows do not count). */
    static ReplicaState of(Sequential model, List<ReplicaState> states, double[] rows) {
        List<ReplicaState> live = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        double total = 0;
        for (double r : rows) {
            total += r;
        }
        for (int p = 0; p < states.size(); p++) {
            if (rows[p] > 0) {
                live.add(states.get(p));
                share.add(rows[p] / total);
            }
        }
        if (live.size() == 1) {
            return live.get(0);
        }
        if (live.isEmpty()) {
            return states.get(0);
        }
        double[] f = share.stream().mapToDouble(Double::doubleValue).toArray();
        List<Parameter> weights = model.weights();
        Map<Parameter, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            index.put(weights.get(i), i);
        }
        ReplicaState first = live.get(0);
        float[][] w = new float[first.weights.length][];
        for (int i = 0; i < w.length; i++) {
            int at = i;
            w[i] = mean(live, f, s -> s.weights[at]);
        }
        // The moving variance of each BatchNormalization: the law of total variance over the workers.
        for (Layer l : model.layers()) {
            if (l instanceof BatchNormalization bn) {
                int m = index.get(bn.movingMean());
                int v = index.get(bn.trainingState().get(1));
                w[v] = pooledVariance(f, column(live, m), column(live, v));
            }
        }
        float[][][] slots = null;
        long iterations = -1;
        if (first.slots != null) {
            slots = new float[w.length][][];
            for (int i = 0; i < w.length; i++) {
                int at = i;
                if (first.slots[i] != null && live.stream().allMatch(s -> s.slots[at] != null)) {
                    slots[i] = new float[first.slots[i].length][];
                    for (int k = 0; k < slots[i].length; k++) {
                        int kk = k;
                        slots[i][k] = mean(live, f, s -> s.slots[at][kk]);
                    }
                }
            }
            for (ReplicaState s : live) {
                iterations = Math.max(iterations, s.iterations);
            }
        }
        long[] passes = first.passes.clone();
        for (ReplicaState s : live) {
            for (int i = 0; i < passes.length; i++) {
                passes[i] = Math.max(passes[i], s.passes[i]);
            }
        }
        return new ReplicaState(w, passes, slots, iterations);
    }

    private static List<float[]> column(List<ReplicaState> states, int weight) {
        List<float[]> out = new ArrayList<>();
        states.forEach(s -> out.add(s.weights[weight]));
        return out;
    }

    private static float[] mean(List<ReplicaState> states, double[] f, java.util.function.Function<ReplicaState,
            float[]> array) {
        int n = array.apply(states.get(0)).length;
        double[] sum = new double[n];
        for (int p = 0; p < states.size(); p++) {
            float[] a = array.apply(states.get(p));
            for (int j = 0; j < n; j++) {
                sum[j] += f[p] * a[j];
            }
        }
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) sum[j];
        }
        return out;
    }

    /**
     * The variance of the pooled data of groups with shares {@code f}, means {@code means} and
     * variances {@code variances}: Σ f_p (var_p + (mean_p - mean)²), mean = Σ f_p mean_p.
     */
    static float[] pooledVariance(double[] f, List<float[]> means, List<float[]> variances) {
        int n = means.get(0).length;
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            double mean = 0;
            for (int p = 0; p < f.length; p++) {
                mean += f[p] * means.get(p)[j];
            }
            double var = 0;
            for (int p = 0; p < f.length; p++) {
                double d = means.get(p)[j] - mean;
                var += f[p] * (variances.get(p)[j] + d * d);
            }
            out[j] = (float) var;
        }
        return out;
    }
}
