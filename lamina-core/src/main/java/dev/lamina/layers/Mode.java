package dev.lamina.layers;

/**
 * Whether a forward pass is part of training or of inference. Layers such as Dropout and
 * BatchNormalization behave differently in the two; Dense and Activation do not.
 */
public enum Mode {
    /** Training: noise layers draw, normalization uses batch statistics, caches for backward are kept. */
    TRAINING,
    /** Inference: every layer is deterministic. */
    INFERENCE
}
