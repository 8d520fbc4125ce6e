package dev.lamina.optimizers.schedules;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay (Loshchilov &amp; Hutter 2017) as Keras' {@code CosineDecay}: with an optional linear
 * warm-up from {@code initial} to {@code warmupTarget} over {@code warmupSteps}, then
 * {@code peak * ((1 - alpha) * 0.5 * (1 + cos(pi * min(t, decaySteps) / decaySteps)) + alpha)}
 * where {@code t} counts steps after the warm-up.
 *
 * @param initialLearningRate the starting rate
 * @param decaySteps the number of steps to decay over, positive
 * @param alpha the final rate as a fraction of the peak (default 0)
 * @param warmupTarget the peak after warm-up, or null for no warm-up
 * @param warmupSteps the warm-up length (default 0)
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget,
                          long warmupSteps) implements LearningRateSchedule {
    /** Validates the arguments. */
    public CosineDecay {
        Check.arg(decaySteps > 0, "CosineDecay", "decay_steps", decaySteps, "a positive integer");
        Check.arg(warmupSteps >= 0, "CosineDecay", "warmup_steps", warmupSteps, "an integer >= 0");
    }

    /** Without warm-up. */
    public static CosineDecay of(double initialLearningRate, long decaySteps, double alpha) {
        return new CosineDecay(initialLearningRate, decaySteps, alpha, null, 0);
    }

    @Override
    public double at(long step) {
        double peak = initialLearningRate;
        if (warmupTarget != null) {
            if (step < warmupSteps) {
                return initialLearningRate + (warmupTarget - initialLearningRate) * step / warmupSteps;
            }
            peak = warmupTarget;
            step -= warmupSteps;
        }
        double fraction = Math.min(step, decaySteps) / (double) decaySteps;
        double cosine = 0.5 * (1 + Math.cos(Math.PI * fraction));
        return peak * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String className() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", warmupSteps);
        return c;
    }
}
