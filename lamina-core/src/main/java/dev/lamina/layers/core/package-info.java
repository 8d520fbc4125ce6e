/**
 * The core layers: {@link dev.lamina.layers.core.Input}, {@link dev.lamina.layers.core.Dense},
 * {@link dev.lamina.layers.core.Embedding}, {@link dev.lamina.layers.core.Flatten},
 * {@link dev.lamina.layers.core.Rescaling}, and the activation
 * layers {@link dev.lamina.layers.core.Activation}, {@link dev.lamina.layers.core.ReLU},
 * {@link dev.lamina.layers.core.LeakyReLU}, {@link dev.lamina.layers.core.PReLU},
 * {@link dev.lamina.layers.core.ELU}, {@link dev.lamina.layers.core.Softmax} and
 * {@link dev.lamina.layers.core.Identity}.
 */
package dev.lamina.layers.core;
