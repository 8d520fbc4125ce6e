/**
 * Layers: the {@link dev.lamina.layers.Layer} lifecycle (config, build, forward, backward), its
 * weights ({@link dev.lamina.layers.Parameter}), training and inference {@link dev.lamina.layers.Mode}s
 * and config helpers. The layers themselves live by topic, as in Keras' {@code layers/} folder:
 * {@code core} (Input, Dense, Activation), {@code regularization} (Dropout and the other noise
 * layers), {@code normalization} (BatchNormalization, LayerNormalization, Normalization); the
 * closed registry from Keras class names to layers is in {@code registry}, above them all.
 */
package dev.lamina.layers;
