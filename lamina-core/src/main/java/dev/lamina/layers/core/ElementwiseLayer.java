package dev.lamina.layers.core;

import dev.lamina.activations.ActivationFunction;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;

/**
 * A weightless layer that applies one {@link ActivationFunction} to every element, the same in
 * training and inference: {@link Activation}, {@link LeakyReLU}, {@link ReLU}, {@link ELU},
 * {@link Softmax}, {@link Identity} and
 * {@link dev.lamina.layers.regularization.ActivityRegularization}.
 */
public abstract class ElementwiseLayer extends Layer {
    private final ActivationFunction function;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private final ActivationPass pass = new ActivationPass();
    private Tensor lastInput;
    private Tensor lastOut;

    /**
     * @param name the layer name, or null for an automatic one
     * @param function the function applied to each element
     */
    protected ElementwiseLayer(String name, ActivationFunction function) {
        super(name, true);
        this.function = function;
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int cols = inputShape().dim(-1);
        Tensor y = output.get(x.rows(), inputShape());
        pass.forward(function, x.data(), null, y.data(), x.size() / cols, cols);
        lastInput = x;
        lastOut = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        if (!computeInputGradient()) {
            return null;
        }
        int cols = inputShape().dim(-1);
        Tensor dx = gradIn.get(lastInput.rows(), inputShape());
        pass.backward(function, lastInput.data(), lastOut.data(), gradOut.data(), dx.data(), lastInput.size() / cols,
                cols);
        return dx;
    }
}
