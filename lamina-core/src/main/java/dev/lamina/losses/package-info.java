/** Losses with Keras' names, formulas and the default mean-over-batch reduction. */
package dev.lamina.losses;
