package dev.lamina.initializers;

import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills every element with one value: Keras' {@code Zeros} (the bias default), {@code Ones} and
 * {@code Constant(value)}.
 *
 * @param value the value
 * @param className {@code Zeros}, {@code Ones} or {@code Constant}
 */
public record Constant(double value, String className) implements Initializer {
    /** Zeros. */
    public static final Constant ZEROS = new Constant(0, "Zeros");
    /** Ones. */
    public static final Constant ONES = new Constant(1, "Ones");

    /** {@code Constant(value)}. */
    public static Constant of(double value) {
        return new Constant(value, "Constant");
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (className.equals("Constant")) {
            c.put("value", value);
        }
        return c;
    }

    @Override
    public void fill(Tensor weight, RandomStream stream) {
        weight.fill((float) value);
    }
}
