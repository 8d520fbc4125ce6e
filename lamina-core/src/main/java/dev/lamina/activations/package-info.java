/** Activation functions by Keras name, with their derivatives. */
package dev.lamina.activations;
