/**
 * Layers: the {@link dev.lamina.layers.Layer} lifecycle (config, build, forward, backward),
 * {@link dev.lamina.layers.Dense}, {@link dev.lamina.layers.Activation}, {@link dev.lamina.layers.Input},
 * and the closed registry from Keras class names to layers.
 */
package dev.lamina.layers;
