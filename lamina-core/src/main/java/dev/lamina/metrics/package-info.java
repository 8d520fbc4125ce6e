/** Metrics accumulated over an epoch: errors, accuracies and AUC, with Keras' names. */
package dev.lamina.metrics;
