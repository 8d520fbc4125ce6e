package dev.lamina.optimizers.schedules;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code initial * decayRate ^ (step / decaySteps)}, with the exponent floored when
 * {@code staircase} (Keras' {@code ExponentialDecay}).
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {
    /** Validates the arguments. */
    public ExponentialDecay {
        Check.arg(decaySteps > 0, "ExponentialDecay", "decay_steps", decaySteps, "a positive integer");
        Check.arg(decayRate > 0, "ExponentialDecay", "decay_rate", decayRate, "a positive number");
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
    }

    @Override
    public String className() {
        return "ExponentialDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }
}
