/**
 * Layers that add noise in training only and are the identity in inference (Keras'
 * {@code layers/regularization}): {@link dev.lamina.layers.regularization.Dropout} and its
 * relatives, with their masks and kernels; and
 * {@link dev.lamina.layers.regularization.ActivityRegularization}, the identity that adds a penalty on
 * its inputs to the training loss.
 */
package dev.lamina.layers.regularization;
