/** The core layers: {@link dev.lamina.layers.core.Input}, {@link dev.lamina.layers.core.Dense}, {@link dev.lamina.layers.core.Activation}, {@link dev.lamina.layers.core.LeakyReLU}. */
package dev.lamina.layers.core;
