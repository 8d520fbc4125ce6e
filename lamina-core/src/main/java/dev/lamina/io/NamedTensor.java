package dev.lamina.io;

import dev.lamina.tensor.Tensor;

/**
 * A tensor with its name in a weights file, e.g. {@code dense_1/kernel}.
 *
 * @param name the name
 * @param tensor the values
 */
public record NamedTensor(String name, Tensor tensor) {}
