package dev.lamina.spark;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Optimizer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What changes in a model as it trains, as values: every weight (BatchNormalization's moving
 * statistics included), the layers' training-pass counters (the noise layers' steps), and, for
 * local SGD, the optimizer's slots and iteration count. The architecture travels once, as a
 * {@code .lamina} archive; this travels every round, as bytes ({@link #toBytes}, read in place by
 * {@link StateCodec}), and is what a checkpoint and early stopping keep.
 */
final class ReplicaState {
    /** The byte order of state bytes: the x86 and ARM processors' own, so reading them needs no swaps. */
    static final java.nio.ByteOrder ORDER = java.nio.ByteOrder.LITTLE_ENDIAN;
    final float[][] weights;
    final long[] passes;
    /** Per weight, the optimizer's slot arrays (null where it keeps none, or without the optimizer). */
    final float[][][] slots;
    final long iterations;

    ReplicaState(float[][] weights, long[] passes, float[][][] slots, long iterations) {
        this.weights = weights;
        this.passes = passes;
        this.slots = slots;
        this.iterations = iterations;
    }

    /** The state of {@code model} (copied), with its optimizer's when {@code withOptimizer}. */
    static ReplicaState of(Sequential model, boolean withOptimizer) {
        return of(model, withOptimizer, true);
    }

    /** The state of {@code model}: copies, or (not {@code copy}) the model's own arrays, to encode at once. */
    static ReplicaState of(Sequential model, boolean withOptimizer, boolean copy) {
        List<Parameter> ps = model.weights();
        float[][] w = new float[ps.size()][];
        float[][][] slots = withOptimizer ? new float[ps.size()][][] : null;
        Optimizer o = model.optimizer();
        for (int i = 0; i < w.length; i++) {
            w[i] = copy ? ps.get(i).value().data().clone() : ps.get(i).value().data();
            if (slots != null) {
                float[][] s = o.slots(ps.get(i));
                if (s != null) {
                    slots[i] = new float[s.length][];
                    for (int k = 0; k < s.length; k++) {
                        slots[i][k] = copy ? s[k].clone() : s[k];
                    }
                }
            }
        }
        List<Layer> counted = counted(model);
        long[] passes = new long[counted.size()];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = counted.get(i).trainingPasses();
        }
        return new ReplicaState(w, passes, slots, withOptimizer ? o.iterations() : -1);
    }

    /** Writes this state into {@code model}, a model of the same architecture ({@link StateCodec#writeInto}). */
    void applyTo(Sequential model) {
        StateCodec.writeInto(this, model);
    }

    static List<Layer> counted(Sequential model) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l.trainingPasses() >= 0) {
                out.add(l);
            }
        }
        return out;
    }

    byte[] toBytes() {
        long size = 4 + 4 + 1 + 8 + 8L * passes.length;
        for (int i = 0; i < weights.length; i++) {
            size += 4 + 4L * weights[i].length;
            if (slots != null) {
                size += 4;
                if (slots[i] != null) {
                    for (float[] s : slots[i]) {
                        size += 4L * s.length;
                    }
                }
            }
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("The model's state of " + size + " bytes is more than one message holds.");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ORDER);
        b.putInt(weights.length).putInt(passes.length).put((byte) (slots != null ? 1 : 0)).putLong(iterations);
        for (long p : passes) {
            b.putLong(p);
        }
        for (int i = 0; i < weights.length; i++) {
            putFloats(b, weights[i]);
            if (slots != null) {
                b.putInt(slots[i] == null ? 0 : slots[i].length);
                if (slots[i] != null) {
                    for (float[] s : slots[i]) {
                        b.asFloatBuffer().put(s);
                        b.position(b.position() + 4 * s.length);
                    }
                }
            }
        }
        return b.array();
    }

    private static void putFloats(ByteBuffer b, float[] a) {
        b.putInt(a.length);
        b.asFloatBuffer().put(a);
        b.position(b.position() + 4 * a.length);
    }
}
