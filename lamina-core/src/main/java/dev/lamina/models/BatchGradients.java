package dev.lamina.models;

import dev.lamina.tensor.Tensor;

/**
 * What {@link Sequential#gradients} returns: a batch's loss and its gradients with respect to the
 * trainable weights and to the input, no weight changed (Keras' {@code GradientTape} over the
 * model's loss, in Java terms).
 *
 * @param loss the batch's loss (regularization included, as Keras' {@code compute_loss})
 * @param weights the gradient of every trainable weight, in the model's order
 * @param input the gradient with respect to the network's input rows (after any preprocessing)
 */
public record BatchGradients(double loss, Gradients weights, Tensor input) {}
