package dev.lamina.optimizers.schedules;

import dev.lamina.util.Check;
import java.util.Map;

/** A fixed learning rate. @param rate the learning rate, finite and non-negative */
public record ConstantRate(double rate) implements LearningRateSchedule {
    /** Validates the rate. */
    public ConstantRate {
        Check.arg(rate >= 0 && Double.isFinite(rate), "Optimizer", "learning_rate", rate, "a finite number >= 0");
    }

    @Override
    public double at(long step) {
        return rate;
    }

    @Override
    public String className() {
        return "Constant";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("learning_rate", rate);
    }
}
