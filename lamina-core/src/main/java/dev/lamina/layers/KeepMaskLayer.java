package dev.lamina.layers;

/**
 * A layer whose backward pass is {@code dx = keep ? dy / keepProb : 0} with the mask of its last
 * forward pass (inverted dropout), so that the layer before it can apply that mask together with
 * its own activation's derivative, in one pass (see {@code Dense.backwardThroughMask}).
 */
public interface KeepMaskLayer {
    /** The keep mask of the last forward pass, one flag per element, or null when it passed its input through. */
    boolean[] lastKeepMask();

    /** What the last forward pass divided kept elements by. */
    float lastKeepProbability();
}
