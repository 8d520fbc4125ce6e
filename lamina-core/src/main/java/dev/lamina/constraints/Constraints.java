package dev.lamina.constraints;

import dev.lamina.util.ConfigValues;
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
            case "MaxNorm", "max_norm" -> new MaxNorm(ConfigValues.number(c, "max_value", 2.0, "Constraint"), (int) ConfigValues.number(c, "axis", 0, "Constraint"));
            case "UnitNorm", "unit_norm" -> new UnitNorm((int) ConfigValues.number(c, "axis", 0, "Constraint"));
            case "NonNeg", "non_neg" -> new NonNeg();
            default -> throw new IllegalArgumentException("Unknown constraint '" + className
                    + "'; valid names: " + String.join(", ", names()) + ".");
        };
    }

    /** The valid names. */
    public static List<String> names() {
        return List.of("max_norm", "non_neg", "unit_norm", "MaxNorm", "NonNeg", "UnitNorm");
    }

}
