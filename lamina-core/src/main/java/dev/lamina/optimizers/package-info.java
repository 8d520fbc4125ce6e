/** Optimizers with Keras 3's update rules and defaults; gradient clipping and weight decay. */
package dev.lamina.optimizers;
