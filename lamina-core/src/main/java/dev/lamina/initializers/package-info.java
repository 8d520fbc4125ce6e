/** Weight initializers with Keras' names, defaults and formulas. */
package dev.lamina.initializers;
