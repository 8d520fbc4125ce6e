/**
 * Models: {@link dev.lamina.models.Sequential} with compile, fit, evaluate, predict and summary,
 * its training loop, gradients as values, and the saving and loading of models and training
 * backups ({@link dev.lamina.models.ModelFiles}) on the formats of {@code dev.lamina.io}.
 */
package dev.lamina.models;
