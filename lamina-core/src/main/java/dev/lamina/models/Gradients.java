package dev.lamina.models;

import dev.lamina.layers.Parameter;
import dev.lamina.util.Check;
import java.util.List;

/**
 * The gradients of a batch's loss with respect to a model's trainable weights, as values: what
 * {@link Sequential#computeGradients} fills and {@link Sequential#applyGradients} applies. A holder
 * is made once per model ({@link Sequential#newGradients()}) and filled again at every batch,
 * allocating nothing; holders of the same model can be added and scaled, so that gradients
 * computed apart (on several threads, partitions or machines) can be combined before one update.
 */
public final class Gradients {
    private final List<Parameter> weights;
    private final float[][] values;
    private double loss;

    Gradients(List<Parameter> weights) {
        this.weights = List.copyOf(weights);
        this.values = new float[this.weights.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[this.weights.get(i).value().size()];
        }
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

    /**
     * Adds {@code other}'s gradients and loss to these: a holder of this model or of a copy of it
     * (weights are matched by position and size).
     */
    public Gradients add(Gradients other) {
        checkSameModel(other);
        for (int i = 0; i < values.length; i++) {
            float[] a = values[i];
            float[] b = other.values[i];
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
        }
        loss += other.loss;
        return this;
    }

    /** Multiplies the gradients and the loss by {@code factor} (e.g. 1/n after adding n holders). */
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

    List<Parameter> weights() {
        return weights;
    }

    float[][] arrays() {
        return values;
    }

    void loss(double value) {
        this.loss = value;
    }

    void checkFor(Sequential model, List<Parameter> modelWeights) {
        Check.that(weights.equals(modelWeights), "These gradients belong to another model than Sequential '"
                + model.name() + "' (or to it before it changed); make them with its newGradients().");
    }

    private void checkSameModel(Gradients other) {
        Check.that(other.values.length == values.length, "Gradients of " + other.values.length + " weights cannot"
                + " be added to gradients of " + values.length + ".");
        for (int i = 0; i < values.length; i++) {
            // By size, not by name: copies of one model (one per thread or partition) name their layers apart.
            Check.that(other.values[i].length == values[i].length, "Gradients: weight " + other.path(i) + " has "
                    + other.values[i].length + " values, " + path(i) + " has " + values[i].length + "; add gradients"
                    + " of the same architecture.");
        }
    }
}
