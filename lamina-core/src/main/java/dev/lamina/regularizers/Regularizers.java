package dev.lamina.regularizers;

import dev.lamina.util.ConfigValues;
import java.util.List;
import java.util.Map;

/** Regularizers by Keras name ({@code "l1"}, {@code "l2"}, {@code "l1_l2"}) or class name and config. */
public final class Regularizers {
    private Regularizers() {}

    /**
     * The regularizer of Keras class {@code className} (or snake-case name) with {@code config};
     * missing factors take Keras' defaults (0.01 for L1 and L2, 0 for L1L2).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Regularizer fromConfig(String className, Map<String, Object> config) {
        Map<String, Object> c = config == null ? Map.of() : config;
        return switch (className) {
            case "L1", "l1" -> L1L2.l1(ConfigValues.number(c, "l1", 0.01, "Regularizer"));
            case "L2", "l2" -> L1L2.l2(ConfigValues.number(c, "l2", 0.01, "Regularizer"));
            case "L1L2", "l1_l2" -> L1L2.of(ConfigValues.number(c, "l1", 0.0, "Regularizer"), ConfigValues.number(c, "l2", 0.0, "Regularizer"));
            default -> throw new IllegalArgumentException("Unknown regularizer '" + className
                    + "'; valid names: " + String.join(", ", names()) + ".");
        };
    }

    /** The valid names. */
    public static List<String> names() {
        return List.of("l1", "l2", "l1_l2", "L1", "L2", "L1L2");
    }

}
