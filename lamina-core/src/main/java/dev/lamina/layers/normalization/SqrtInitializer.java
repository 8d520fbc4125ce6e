package dev.lamina.layers.normalization;

import dev.lamina.initializers.Initializer;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/** The square root of another initializer's values: batch renormalization's standard deviations start so. */
record SqrtInitializer(Initializer of) implements Initializer {
    @Override
    public String className() {
        return of.className();
    }

    @Override
    public Map<String, Object> config() {
        return of.config();
    }

    @Override
    public void fill(Tensor weight, RandomStream stream) {
        of.fill(weight, stream);
        float[] d = weight.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sqrt(d[i]);
        }
    }
}
