/** Models: {@link dev.lamina.models.Sequential} with compile, fit, evaluate, predict and summary. */
package dev.lamina.models;
