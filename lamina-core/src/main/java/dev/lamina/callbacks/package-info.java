/** Callbacks around the training loop: History, EarlyStopping, ReduceLROnPlateau and others. */
package dev.lamina.callbacks;
