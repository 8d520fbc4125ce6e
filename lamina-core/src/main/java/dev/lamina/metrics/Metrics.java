package dev.lamina.metrics;

import java.util.List;

/** Metrics by Keras name or alias; each call makes a fresh, empty metric. */
public final class Metrics {
    private static final List<String> NAMES = List.of("mae", "mean_absolute_error", "mse", "mean_squared_error",
            "rmse", "root_mean_squared_error", "accuracy", "acc", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "auc", "AUC");

    private Metrics() {}

    /**
     * The metric named {@code name}; it is reported under that name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Metric get(String name) {
        if (name == null) {
            throw new IllegalArgumentException("A metric name must not be null; valid names: "
                    + String.join(", ", NAMES) + ".");
        }
        return switch (name) {
            case "mae", "mean_absolute_error" -> new MeanMetric(name, (t, p) -> Math.abs(p - t), false);
            case "mse", "mean_squared_error" -> new MeanMetric(name, (t, p) -> (p - t) * (p - t), false);
            case "rmse", "root_mean_squared_error" -> new MeanMetric(name, (t, p) -> (p - t) * (p - t), true);
            case "accuracy", "acc" -> new Accuracy(name);
            case "binary_accuracy" -> binaryAccuracy(name, 0.5);
            case "categorical_accuracy" -> new ArgmaxAccuracy(name, false);
            case "sparse_categorical_accuracy" -> new ArgmaxAccuracy(name, true);
            case "auc", "AUC" -> new Auc(name, 200);
            default -> throw new IllegalArgumentException("Unknown metric '" + name + "'; valid names: "
                    + String.join(", ", NAMES) + ".");
        };
    }

    /** Binary accuracy: a prediction above {@code threshold} counts as 1, and must equal the target. */
    public static Metric binaryAccuracy(String name, double threshold) {
        return new MeanMetric(name, (t, p) -> (p > threshold ? 1.0 : 0.0) == t ? 1 : 0, false);
    }

    /** The valid names. */
    public static List<String> names() {
        return NAMES;
    }
}
