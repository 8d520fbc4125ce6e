/**
 * Layers that add noise in training only and are the identity in inference (Keras'
 * {@code layers/regularization}): {@link dev.lamina.layers.regularization.Dropout} and its
 * relatives, with their masks and kernels.
 */
package dev.lamina.layers.regularization;
