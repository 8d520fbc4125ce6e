/**
 * The closed registry from Keras class names to layers, the only place that knows every layer
 * (so it sits above the topic packages, which know only the base package).
 */
package dev.lamina.layers.registry;
