package dev.lamina.constraints;

import java.util.List;
import java.util.Map;

/** Constraints by Keras name ({@code "max_norm"}, {@code "non_neg"}, {@code "unit_norm"}) or class name and config. */
public final class Constraints {
    private Constraints() {}

    /**
     * The constraint of Keras class {@code className} (or snake-case name) with {@code config}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Constraint fromConfig(String className, Map<String, Object> config) {
        Map<String, Object> c = config == null ? Map.of() : config;
        return switch (className) {
            case "MaxNorm", "max_norm" -> new MaxNorm(num(c, "max_value", 2.0), (int) num(c, "axis", 0));
            case "UnitNorm", "unit_norm" -> new UnitNorm((int) num(c, "axis", 0));
            case "NonNeg", "non_neg" -> new NonNeg();
            default -> throw new IllegalArgumentException("Unknown constraint '" + className
                    + "'; valid names: " + String.join(", ", names()) + ".");
        };
    }

    /** The valid names. */
    public static List<String> names() {
        return List.of("max_norm", "non_neg", "unit_norm", "MaxNorm", "NonNeg", "UnitNorm");
    }

    private static double num(Map<String, Object> c, String key, double dflt) {
        Object v = c.get(key);
        if (v != null && !(v instanceof Number)) {
            throw new IllegalArgumentException("Constraint argument '" + key + "' must be a number, received " + v + ".");
        }
        return v == null ? dflt : ((Number) v).doubleValue();
    }
}
