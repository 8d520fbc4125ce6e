package dev.lamina.optimizers;

import dev.lamina.optimizers.schedules.ConstantRate;
import dev.lamina.optimizers.schedules.CosineDecay;
import dev.lamina.optimizers.schedules.ExponentialDecay;
import dev.lamina.optimizers.schedules.LearningRateSchedule;
import dev.lamina.optimizers.schedules.PiecewiseConstantDecay;
import dev.lamina.util.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Learning-rate schedules from Keras' {@code {"class_name", "config"}} form. */
final class Schedules {
    private Schedules() {}

    @SuppressWarnings("unchecked")
    static LearningRateSchedule fromConfig(Map<?, ?> m) {
        Object cls = m.get("class_name");
        Map<String, Object> c = m.get("config") instanceof Map<?, ?> cm ? (Map<String, Object>) cm : Map.of();
        String owner = "learning-rate schedule";
        return switch (String.valueOf(cls)) {
            case "Constant" -> new ConstantRate(ConfigValues.number(c, "learning_rate", 0.001, owner));
            case "ExponentialDecay" -> new ExponentialDecay(ConfigValues.number(c, "initial_learning_rate", 0.001, owner),
                    (long) ConfigValues.number(c, "decay_steps", 1, owner), ConfigValues.number(c, "decay_rate", 1, owner),
                    Boolean.TRUE.equals(c.get("staircase")));
            case "CosineDecay" -> new CosineDecay(ConfigValues.number(c, "initial_learning_rate", 0.001, owner),
                    (long) ConfigValues.number(c, "decay_steps", 1, owner), ConfigValues.number(c, "alpha", 0, owner),
                    c.get("warmup_target") == null ? null : ConfigValues.number(c, "warmup_target", 0, owner),
                    (long) ConfigValues.number(c, "warmup_steps", 0, owner));
            case "PiecewiseConstantDecay" -> new PiecewiseConstantDecay(longs(c.get("boundaries")), doubles(c.get("values")));
            default -> throw new IllegalArgumentException("Unknown learning-rate schedule '" + cls + "'; valid:"
                    + " ExponentialDecay, CosineDecay, PiecewiseConstantDecay.");
        };
    }

    private static List<Long> longs(Object o) {
        List<Long> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object v : l) {
                out.add(((Number) v).longValue());
            }
        }
        return out;
    }

    private static List<Double> doubles(Object o) {
        List<Double> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object v : l) {
                out.add(((Number) v).doubleValue());
            }
        }
        return out;
    }
}
