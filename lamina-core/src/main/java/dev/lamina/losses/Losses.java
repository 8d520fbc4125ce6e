package dev.lamina.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Losses by Keras name or alias ({@code "mse"}, {@code "mean_absolute_error"}, {@code "Huber"}...). */
public final class Losses {
    private static final Map<String, Supplier<Loss>> BY_NAME = new LinkedHashMap<>();

    static {
        put(MeanSquaredError::new, "mean_squared_error", "mse", "MeanSquaredError");
        put(MeanAbsoluteError::new, "mean_absolute_error", "mae", "MeanAbsoluteError");
        put(() -> new Huber(1.0), "huber_loss", "huber", "Huber");
        put(LogCosh::new, "log_cosh", "logcosh", "LogCosh");
        put(BinaryCrossentropy::new, "binary_crossentropy", "BinaryCrossentropy");
        put(CategoricalCrossentropy::new, "categorical_crossentropy", "CategoricalCrossentropy");
        put(SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy");
    }

    private Losses() {}

    private static void put(Supplier<Loss> s, String... names) {
        for (String n : names) {
            BY_NAME.put(n, s);
        }
    }

    /**
     * The loss named {@code name} with default arguments.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Loss get(String name) {
        Supplier<Loss> s = name == null ? null : BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown loss '" + name + "'; valid names: "
                    + String.join(", ", names()) + ".");
        }
        return s.get();
    }

    /**
     * The loss of Keras class or function name {@code name} with {@code config} ({@code from_logits},
     * {@code label_smoothing}, {@code delta}).
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public static Loss fromConfig(String name, java.util.Map<String, Object> config) {
        java.util.Map<String, Object> c = config == null ? java.util.Map.of() : config;
        boolean logits = Boolean.TRUE.equals(c.get("from_logits"));
        double smoothing = dev.lamina.util.ConfigValues.number(c, "label_smoothing", 0, "Loss");
        Loss plain = get(name);
        return switch (plain.className()) {
            case "BinaryCrossentropy" -> new BinaryCrossentropy(logits, smoothing);
            case "CategoricalCrossentropy" -> new CategoricalCrossentropy(logits, smoothing);
            case "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy(logits);
            case "Huber" -> new Huber(dev.lamina.util.ConfigValues.number(c, "delta", 1.0, "Loss"));
            default -> plain;
        };
    }

    /** The valid names. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
