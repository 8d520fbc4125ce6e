package dev.lamina.optimizers;

import java.util.List;
import java.util.Locale;

/** Optimizers by Keras name ({@code "sgd"}, {@code "adam"}, {@code "adamw"}, {@code "rmsprop"}, {@code "adagrad"}). */
public final class Optimizers {
    private static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");

    private Optimizers() {}

    /**
     * A fresh optimizer with Keras' defaults; the name is case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Optimizer get(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            default -> throw new IllegalArgumentException("Unknown optimizer '" + name + "'; valid names: "
                    + String.join(", ", NAMES) + ".");
        };
    }

    /** The valid names. */
    public static List<String> names() {
        return NAMES;
    }
}
