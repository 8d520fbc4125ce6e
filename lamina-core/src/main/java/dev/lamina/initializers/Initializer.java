package dev.lamina.initializers;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Fills a new weight tensor with its starting values.
 *
 * <p>An initializer without a seed of its own draws from the stream it is given, which the model
 * derives from its seed and the weight's position, so a model built twice with one seed starts
 * from the same weights.
 */
public interface Initializer {
    /** The Keras class name, e.g. {@code "GlorotUniform"}. */
    String className();

    /** The Keras config (argument names as keys), e.g. {@code {seed=null}}. */
    Map<String, Object> config();

    /** Fills {@code weight}; {@code stream} is used unless this initializer has its own seed. */
    void fill(Tensor weight, RandomStream stream);

    /**
     * Keras' fans of a weight shape: for {@code [in, out]}, {@code fan_in = in} and
     * {@code fan_out = out}; for rank 1 both are the length; for higher ranks the leading
     * dimensions form a receptive field.
     *
     * @return {@code {fanIn, fanOut}}
     */
    static double[] fans(int[] shape) {
        if (shape.length == 0) {
            return new double[] {1, 1};
        }
        if (shape.length == 1) {
            return new double[] {shape[0], shape[0]};
        }
        if (shape.length == 2) {
            return new double[] {shape[0], shape[1]};
        }
        double receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }
}
