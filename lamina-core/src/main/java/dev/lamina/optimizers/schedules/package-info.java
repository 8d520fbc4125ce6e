/** Learning-rate schedules: constant, exponential decay, cosine decay with warm-up, piecewise constant. */
package dev.lamina.optimizers.schedules;
