/**
 * Normalization layers (Keras' {@code layers/normalization}):
 * {@link dev.lamina.layers.normalization.BatchNormalization} with its kernel and moving statistics,
 * {@link dev.lamina.layers.normalization.LayerNormalization},
 * {@link dev.lamina.layers.normalization.RMSNormalization},
 * {@link dev.lamina.layers.normalization.UnitNormalization}, and the
 * {@link dev.lamina.layers.normalization.Normalization} preprocessing layer.
 */
package dev.lamina.layers.normalization;
