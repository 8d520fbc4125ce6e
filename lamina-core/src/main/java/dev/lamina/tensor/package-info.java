/**
 * Row-major float32 tensors and the kernels the layers need: GEMM with transposes through a
 * pluggable {@link dev.lamina.tensor.Backend}, reductions and reusable work buffers.
 */
package dev.lamina.tensor;
