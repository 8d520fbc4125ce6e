package dev.lamina.optimizers.schedules;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rate constant between step boundaries (Keras' {@code PiecewiseConstantDecay}): {@code values[0]}
 * while {@code step <= boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary.
 */
public record PiecewiseConstantDecay(List<Long> boundaries, List<Double> values) implements LearningRateSchedule {
    /** Validates that there is one more value than boundaries and boundaries increase. */
    public PiecewiseConstantDecay {
        boundaries = List.copyOf(boundaries);
        values = List.copyOf(values);
        Check.arg(values.size() == boundaries.size() + 1, "PiecewiseConstantDecay", "values", values,
                "one more value than boundaries (" + boundaries.size() + ")");
        for (int i = 1; i < boundaries.size(); i++) {
            Check.arg(boundaries.get(i) > boundaries.get(i - 1), "PiecewiseConstantDecay", "boundaries",
                    boundaries, "strictly increasing steps");
        }
    }

    @Override
    public double at(long step) {
        for (int i = 0; i < boundaries.size(); i++) {
            if (step <= boundaries.get(i)) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    @Override
    public String className() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", boundaries);
        c.put("values", values);
        return c;
    }
}
