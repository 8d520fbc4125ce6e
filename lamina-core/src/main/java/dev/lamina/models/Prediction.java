package dev.lamina.models;

import dev.lamina.tensor.Tensor;

/**
 * A prediction with its spread: per row and output, the mean and the standard deviation over the
 * Monte-Carlo samples (population form, dividing by the number of samples). For a deterministic
 * prediction the standard deviation is 0 and {@code samples} is 1.
 *
 * @param mean the mean prediction, shape {@code [rows, outputs...]}
 * @param std the standard deviation, same shape
 * @param samples the number of passes
 */
public record Prediction(Tensor mean, Tensor std, int samples) {}
