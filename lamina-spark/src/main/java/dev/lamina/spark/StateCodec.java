package dev.lamina.spark;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Optimizer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's state read and written in place, whether it comes as {@link ReplicaState}'s bytes (a
 * cluster's broadcasts and task results) or as a {@code ReplicaState}'s arrays (local mode, a
 * checkpoint): one writer, one restorability check and one average serve both, so both give the
 * same bits. The state (weights and optimizer slots: tens of megabytes for the lesson's model)
 * crosses between driver and workers twice per local-SGD round.
 */
final class StateCodec {
    private StateCodec() {}

    /** The bytes of {@code model}'s state, as {@link ReplicaState#toBytes} writes them. */
    static byte[] encode(Sequential model, boolean withOptimizer) {
        return ReplicaState.of(model, withOptimizer, false).toBytes();
    }

    /**
     * Whether {@link #writeInto} can give {@code model} exactly {@code state} (bytes, or a
     * {@link ReplicaState}): not when the state has an optimizer that has not stepped yet for some
     * weight (no slots) while the model's optimizer has (an optimizer's first slots are its own to
     * make, Adagrad's not zeros).
     */
    static boolean restorable(Object state, Sequential model) {
        Layout l = Layout.of(state, model);
        if (!l.withSlots) {
            return true;
        }
        List<Parameter> ps = model.weights();
        for (int i = 0; i < ps.size(); i++) {
            if (l.slotCount[i] == 0 && model.optimizer().slots(ps.get(i)) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code state} (bytes, or a {@link ReplicaState}) into {@code model}, a model of the
     * same architecture: weights, counters, and the optimizer's slots and iterations where the state
     * has them, into the model's own arrays where it has them (a replica takes the driver's state every
     * round without allocating).
     */
    static void writeInto(Object state, Sequential model) {
        Layout l = Layout.of(state, model);
        List<Parameter> ps = model.weights();
        Optimizer o = model.optimizer();
        for (int i = 0; i < ps.size(); i++) {
            l.floats(i, -1).get(ps.get(i).value().data());
            if (l.withSlots && l.slotCount[i] > 0) {
                float[][] slots = o.slots(ps.get(i));
                if (slots == null || slots.length != l.slotCount[i]) {
                    slots = new float[l.slotCount[i]][ps.get(i).value().size()];
                    o.setSlots(ps.get(i), slots);
                }
                for (int k = 0; k < slots.length; k++) {
                    l.floats(i, k).get(slots[k]);
                }
            }
        }
        if (l.withSlots) {
            o.setIterations(l.iterations);
        }
        List<Layer> counted = ReplicaState.counted(model);
        for (int i = 0; i < counted.size(); i++) {
            counted.get(i).restoreTrainingPasses(l.passes[i]);
        }
    }

    /**
     * Writes into {@code model} the workers' states averaged by {@code rows} (workers with no rows do
     * not count): weights and slots by share, BatchNormalization's moving variance by the law of
     * total variance, counters and iterations their largest. One worker's state is copied as it is.
     */
    static void averageInto(List<?> states, double[] rows, Sequential model) {
        int live = 0;
        double total = 0;
        for (double r : rows) {
            total += r;
            live += r > 0 ? 1 : 0;
        }
        if (live <= 1) {
            for (int p = 0; p < states.size(); p++) {
                if (rows[p] > 0 || live == 0) {
                    writeInto(states.get(p), model);
                    return;
                }
            }
        }
        Layout[] ls = new Layout[live];
        double[] f = new double[live];
        int at = 0;
        for (int p = 0; p < states.size(); p++) {
            if (rows[p] > 0) {
                ls[at] = Layout.of(states.get(p), model);
                f[at++] = rows[p] / total;
            }
        }
        List<Parameter> ps = model.weights();
        Map<Parameter, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < ps.size(); i++) {
            index.put(ps.get(i), i);
        }
        Map<Integer, Integer> meanOfVariance = new java.util.HashMap<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof BatchNormalization bn) {
                meanOfVariance.put(index.get(bn.trainingState().get(1)), index.get(bn.movingMean()));
            }
        }
        Optimizer o = model.optimizer();
        // Slots are made here, before the arrays are averaged in parallel (each element on its own: the same bits).
        for (int i = 0; i < ps.size(); i++) {
            if (ls[0].withSlots && ls[0].slotCount[i] > 0) {
                float[][] slots = o.slots(ps.get(i));
                if (slots == null || slots.length != ls[0].slotCount[i]) {
                    o.setSlots(ps.get(i), new float[ls[0].slotCount[i]][ps.get(i).value().size()]);
                }
            }
        }
        java.util.stream.IntStream.range(0, ps.size()).parallel().forEach(i -> {
            FloatBuffer[] in = new FloatBuffer[ls.length];
            float[] to = ps.get(i).value().data();
            Integer mean = meanOfVariance.get(i);
            if (mean != null) {
                pooledVariance(ls, f, mean, i, to);
            } else {
                for (int p = 0; p < ls.length; p++) {
                    in[p] = ls[p].floats(i, -1);
                }
                weighted(in, f, to);
            }
            if (ls[0].withSlots && ls[0].slotCount[i] > 0) {
                float[][] slots = o.slots(ps.get(i));
                for (int k = 0; k < slots.length; k++) {
                    for (int p = 0; p < ls.length; p++) {
                        in[p] = ls[p].floats(i, k);
                    }
                    weighted(in, f, slots[k]);
                }
            }
        });
        long iterations = -1;
        for (Layout l : ls) {
            iterations = Math.max(iterations, l.iterations);
        }
        if (ls[0].withSlots) {
            o.setIterations(iterations);
        }
        List<Layer> counted = ReplicaState.counted(model);
        for (int c = 0; c < counted.size(); c++) {
            long most = 0;
            for (Layout l : ls) {
                most = Math.max(most, l.passes[c]);
            }
            counted.get(c).restoreTrainingPasses(most);
        }
    }

    private static void weighted(FloatBuffer[] in, double[] f, float[] to) {
        for (int j = 0; j < to.length; j++) {
            double sum = 0;
            for (int p = 0; p < in.length; p++) {
                sum += f[p] * in[p].get(j);
            }
            to[j] = (float) sum;
        }
    }

    /** The pooled variance of groups with shares f: Σ f_p (var_p + (mean_p - mean)²), mean = Σ f_p mean_p. */
    private static void pooledVariance(Layout[] ls, double[] f, int meanAt, int varAt, float[] to) {
        int live = ls.length;
        FloatBuffer[] means = new FloatBuffer[live];
        FloatBuffer[] vars = new FloatBuffer[live];
        for (int p = 0; p < live; p++) {
            means[p] = ls[p].floats(meanAt, -1);
            vars[p] = ls[p].floats(varAt, -1);
        }
        for (int j = 0; j < to.length; j++) {
            double mean = 0;
            for (int p = 0; p < live; p++) {
                mean += f[p] * means[p].get(j);
            }
            double var = 0;
            for (int p = 0; p < live; p++) {
                double d = means[p].get(j) - mean;
                var += f[p] * (vars[p].get(j) + d * d);
            }
            to[j] = (float) var;
        }
    }

    /**
     * Where each array lies in state bytes (checked against the model's architecture), or a state's
     * arrays themselves (a replica's in local mode): read the same way, so both average to the same bits.
     */
    private static final class Layout {
        final ByteBuffer bytes;
        final ReplicaState arrays;
        final boolean withSlots;
        final long iterations;
        final long[] passes;
        final int[] offset;
        final int[] length;
        final int[] slotCount;

        /** The layout of {@code state}: bytes (checked against {@code model}) or a {@link ReplicaState}'s arrays. */
        static Layout of(Object state, Sequential model) {
            return state instanceof ReplicaState r ? new Layout(r) : new Layout((byte[]) state, model);
        }

        Layout(ReplicaState state) {
            bytes = null;
            arrays = state;
            withSlots = state.slots != null;
            iterations = state.iterations;
            passes = state.passes;
            offset = null;
            length = null;
            slotCount = new int[state.weights.length];
            for (int i = 0; i < slotCount.length; i++) {
                slotCount[i] = withSlots && state.slots[i] != null ? state.slots[i].length : 0;
            }
        }

        Layout(byte[] data, Sequential model) {
            bytes = ByteBuffer.wrap(data).order(ReplicaState.ORDER);
            arrays = null;
            List<Parameter> ps = model.weights();
            int n = bytes.getInt();
            int np = bytes.getInt();
            withSlots = bytes.get() == 1;
            iterations = bytes.getLong();
            if (n != ps.size() || np != ReplicaState.counted(model).size()) {
                throw new IllegalArgumentException("A model state of " + n + " weights and " + np + " counters cannot"
                        + " go into a model of " + ps.size() + " weights.");
            }
            passes = new long[np];
            for (int i = 0; i < np; i++) {
                passes[i] = bytes.getLong();
            }
            offset = new int[n];
            length = new int[n];
            slotCount = new int[n];
            int perWeight = model.optimizer() == null ? 0 : model.optimizer().stateArrays();
            for (int i = 0; i < n; i++) {
                int len = bytes.getInt();
                if (len != ps.get(i).value().size()) {
                    throw new IllegalArgumentException("A model state holds " + len + " values where weight "
                            + ps.get(i).path() + " has " + ps.get(i).value().size() + ".");
                }
                offset[i] = bytes.position();
                length[i] = len;
                bytes.position(bytes.position() + 4 * len);
                if (withSlots) {
                    int k = bytes.getInt();
                    if (k != 0 && k != perWeight) {
                        throw new IllegalArgumentException("A model state has " + k + " optimizer arrays for weight "
                                + ps.get(i).path() + " where its optimizer keeps " + perWeight + ".");
                    }
                    slotCount[i] = k;
                    bytes.position(bytes.position() + 4 * k * len);
                }
            }
        }

        /** Weight {@code i}'s values ({@code slot} -1) or its optimizer slot {@code slot}, as a view. */
        FloatBuffer floats(int i, int slot) {
            if (arrays != null) {
                return FloatBuffer.wrap(slot < 0 ? arrays.weights[i] : arrays.slots[i][slot]);
            }
            int start = offset[i] + (slot < 0 ? 0 : 4 * length[i] + 4 + 4 * slot * length[i]);
            return bytes.duplicate().position(start).limit(start + 4 * length[i]).slice().order(ReplicaState.ORDER)
                    .asFloatBuffer();
        }
    }
}
