package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adagrad (Duchi et al. 2011) as Keras 3: {@code acc += g²}, {@code w -= lr g / sqrt(acc + epsilon)}.
 * Defaults: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7.
 */
public final class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    /** Keras' defaults. */
    public Adagrad() {
        super(0.001);
    }

    /** Adagrad with {@code learningRate}. */
    public static Adagrad of(double learningRate) {
        Adagrad a = new Adagrad();
        a.learningRate(learningRate);
        return a;
    }

    /** Sets the initial accumulator value, non-negative. */
    public Adagrad initialAccumulatorValue(double value) {
        Check.arg(value >= 0, "Adagrad", "initial_accumulator_value", value, "a number >= 0");
        this.initialAccumulatorValue = value;
        return this;
    }

    @Override
    public String className() {
        return "Adagrad";
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected float initialSlotValue() {
        return (float) initialAccumulatorValue;
    }

    @Override
    protected void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step) {
        float rate = (float) lr;
        float eps = (float) epsilon;
        float[] acc = state[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float ai = acc[i] + gi * gi;
            acc[i] = ai;
            w[i] -= rate * gi / (float) Math.sqrt(ai + eps);
        }
    }

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
        return c;
    }
}
