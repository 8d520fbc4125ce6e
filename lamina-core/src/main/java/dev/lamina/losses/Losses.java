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
        put(() -> new Huber(1.0), "huber", "Huber");
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

    /** The valid names. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
