package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import dev.lamina.util.Check;
import java.util.List;

/**
 * The gradients of a batch's loss with respect to a model's trainable weights, as values: what
 * {@link Sequential#computeGradients} fills and {@link Sequential#applyGradients} applies. A holder
 * is made once per model ({@link Sequential#newGradients()}) and filled again at every batch,
 * allocating nothing; holders of the same model can be added and scaled, so that gradients
 * computed apart (on several threads, partitions or machines) can be combined before one update.
 *
 * <p>A holder also carries what the training forward pass changed besides the gradients: the
 * layers' {@linkplain dev.lamina.layers.Layer#trainingState() training state}
 * (BatchNormalization's moving statistics after this batch) and their training-pass counters.
 * Adding holders adds their states and counts them, and {@code applyGradients} writes the
 * <em>mean</em> state of the holders added (Keras' {@code MEAN} aggregation of such variables
 * across replicas) and the largest counter; {@link #scale} leaves the state alone. For one holder
 * of the model itself, applying writes back exactly what the forward pass left.
 */
public final class Gradients {
    private final List<Parameter> weights;
    private final float[][] values;
    private final List<Parameter> state;
    private final float[][] stateSums;
    private final List<Layer> counted;
    private final long[] passes;
    /** How many holders' states {@link #stateSums} adds up. */
    private int replicas = 1;
    private double loss;

    Gradients(List<Parameter> weights, List<Parameter> state, List<Layer> counted) {
        this.weights = List.copyOf(weights);
        this.values = new float[this.weights.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[this.weights.get(i).value().size()];
        }
        this.state = List.copyOf(state);
        this.stateSums = new float[this.state.size()][];
        for (int i = 0; i < stateSums.length; i++) {
            stateSums[i] = new float[this.state.get(i).value().size()];
        }
        this.counted = List.copyOf(counted);
        this.passes = new long[this.counted.size()];
    }

    /** The batch's loss, regularization included, as {@code fit} reports it. */
    public double loss() {
        return loss;
    }

    /** The number of weights. */
    public int size() {
        return values.length;
    }

    /** The path of weight {@code i}, e.g. {@code dense/kernel}. */
    public String path(int i) {
        return weights.get(i).path();
    }

    /** The gradient of weight {@code i}, in the weight's row-major layout (the holder's own array). */
    public float[] values(int i) {
        return values[i];
    }

    /** The number of training-state weights (two per BatchNormalization layer, five with renorm). */
    public int stateSize() {
        return stateSums.length;
    }

    /** The path of training-state weight {@code i}, e.g. {@code batch_normalization/moving_mean}. */
    public String statePath(int i) {
        return state.get(i).path();
    }

    /**
     * Training-state weight {@code i} after the batch: its sum over the {@link #replicas()}
     * holders added (the holder's own array; its mean is what {@code applyGradients} writes).
     */
    public float[] stateValues(int i) {
        return stateSums[i];
    }

    /** How many holders' training states this one holds the sum of (1 until others are added). */
    public int replicas() {
        return replicas;
    }

    /**
     * Adds {@code other}'s gradients and loss to these: a holder of this model or of a copy of it
     * (weights are matched by position and size).
     */
    public Gradients add(Gradients other) {
        checkSameModel(other);
        addInto(values, other.values);
        addInto(stateSums, other.stateSums);
        for (int i = 0; i < passes.length; i++) {
            passes[i] = Math.max(passes[i], other.passes[i]);
        }
        replicas += other.replicas;
        loss += other.loss;
        return this;
    }

    private static void addInto(float[][] to, float[][] from) {
        for (int i = 0; i < to.length; i++) {
            float[] a = to[i];
            float[] b = from[i];
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
        }
    }

    /**
     * Zeroes the gradients, the loss, the training state and the counters, and counts no holder:
     * a sum to {@link #add} replicas' holders to (a driver's holder, whose own batch is not part
     * of the sum). Applying a holder that counts no holder leaves the training state as it is.
     */
    public Gradients clear() {
        for (float[] a : values) {
            java.util.Arrays.fill(a, 0f);
        }
        for (float[] a : stateSums) {
            java.util.Arrays.fill(a, 0f);
        }
        java.util.Arrays.fill(passes, 0L);
        replicas = 0;
        loss = 0;
        return this;
    }

    /**
     * Multiplies the gradients and the loss by {@code factor} (e.g. 1/n after adding n holders);
     * the training state is averaged when applied, whatever the factor.
     */
    public Gradients scale(double factor) {
        float f = (float) factor;
        for (float[] a : values) {
            for (int j = 0; j < a.length; j++) {
                a[j] *= f;
            }
        }
        loss *= factor;
        return this;
    }

    /**
     * This holder as bytes, to send to another JVM holding the same architecture: the gradients,
     * the training state sums, the counters, the replica count and the loss.
     */
    public byte[] toBytes() {
        long size = toBytesLength();
        Check.that(size <= Integer.MAX_VALUE - 8, "Gradients of " + size + " bytes are too many for one array.");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) size);
        b.putInt(values.length).putInt(stateSums.length).putInt(passes.length).putInt(replicas).putDouble(loss);
        for (float[] a : values) {
            b.asFloatBuffer().put(a);
            b.position(b.position() + 4 * a.length);
        }
        for (float[] a : stateSums) {
            b.asFloatBuffer().put(a);
            b.position(b.position() + 4 * a.length);
        }
        for (long v : passes) {
            b.putLong(v);
        }
        return b.array();
    }

    /**
     * Overwrites this holder with what {@link #toBytes} wrote for a holder of the same architecture.
     *
     * @throws IllegalArgumentException when the bytes are of another architecture or damaged
     */
    public Gradients setFrom(byte[] bytes) {
        Check.notNull(bytes, "Gradients.setFrom", "bytes");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        String wrong = "These gradient bytes do not belong to this architecture (" + values.length + " weights, "
                + stateSums.length + " state weights); send gradients of the same model.";
        Check.that(bytes.length == toBytesLength(), wrong);
        Check.that(b.getInt() == values.length && b.getInt() == stateSums.length && b.getInt() == passes.length,
                wrong);
        int count = b.getInt();
        Check.that(count >= 0, wrong);
        double l = b.getDouble();
        for (float[] a : values) {
            b.asFloatBuffer().get(a);
            b.position(b.position() + 4 * a.length);
        }
        for (float[] a : stateSums) {
            b.asFloatBuffer().get(a);
            b.position(b.position() + 4 * a.length);
        }
        for (int i = 0; i < passes.length; i++) {
            passes[i] = b.getLong();
        }
        replicas = count;
        loss = l;
        return this;
    }

    private long toBytesLength() {
        long size = 4L * 4 + 8 + 8L * passes.length;
        for (float[] a : values) {
            size += 4L * a.length;
        }
        for (float[] a : stateSums) {
            size += 4L * a.length;
        }
        return size;
    }

    List<Parameter> weights() {
        return weights;
    }

    /** Records the model's training state and counters after a forward pass, as one replica's. */
    void captureState() {
        for (int i = 0; i < stateSums.length; i++) {
            System.arraycopy(state.get(i).value().data(), 0, stateSums[i], 0, stateSums[i].length);
        }
        for (int i = 0; i < passes.length; i++) {
            passes[i] = counted.get(i).trainingPasses();
        }
        replicas = 1;
    }

    /** Writes the mean training state and the largest counters into the model (nothing when no holder was added). */
    void restoreState() {
        if (replicas == 0) {
            return;
        }
        for (int i = 0; i < stateSums.length; i++) {
            float[] to = state.get(i).value().data();
            float[] sum = stateSums[i];
            if (replicas == 1) {
                System.arraycopy(sum, 0, to, 0, to.length);
            } else {
                for (int j = 0; j < to.length; j++) {
                    to[j] = sum[j] / replicas;
                }
            }
        }
        for (int i = 0; i < passes.length; i++) {
            counted.get(i).restoreTrainingPasses(passes[i]);
        }
    }

    float[][] arrays() {
        return values;
    }

    void loss(double value) {
        this.loss = value;
    }

    void checkFor(Sequential model, List<Parameter> modelWeights, List<Parameter> modelState) {
        Check.that(weights.equals(modelWeights) && state.equals(modelState), "These gradients belong to another model than Sequential '"
                + model.name() + "' (or to it before it changed); make them with its newGradients().");
    }

    private void checkSameModel(Gradients other) {
        Check.that(other.values.length == values.length && other.stateSums.length == stateSums.length
                && other.passes.length == passes.length, "Gradients of " + other.values.length + " weights and "
                + other.stateSums.length + " state weights cannot be added to gradients of " + values.length
                + " and " + stateSums.length + "; add gradients of the same architecture.");
        for (int i = 0; i < stateSums.length; i++) {
            Check.that(other.stateSums[i].length == stateSums[i].length, "Gradients: state " + other.statePath(i)
                    + " has " + other.stateSums[i].length + " values, " + statePath(i) + " has "
                    + stateSums[i].length + "; add gradients of the same architecture.");
        }
        for (int i = 0; i < values.length; i++) {
            // By size, not by name: copies of one model (one per thread or partition) name their layers apart.
            Check.that(other.values[i].length == values[i].length, "Gradients: weight " + other.path(i) + " has "
                    + other.values[i].length + " values, " + path(i) + " has " + values[i].length + "; add gradients"
                    + " of the same architecture.");
        }
    }
}
