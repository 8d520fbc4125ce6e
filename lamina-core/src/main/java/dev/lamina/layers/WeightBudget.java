package dev.lamina.layers;

/**
 * How many weight values a build may still create: a model read from a file may not allocate more
 * weights than the file holds, and a layer asks before it allocates, so that a few bytes of
 * hostile config (a Dense of 30,000 units on 30,000 inputs) end in a clear error instead of
 * gigabytes of memory. Not thread-safe: one budget serves one build.
 */
public final class WeightBudget {
    /** No limit beyond what a Java array can hold: for models built in code. */
    public static final WeightBudget UNLIMITED = new WeightBudget(Long.MAX_VALUE, "");

    private final String source;
    private long left;

    private WeightBudget(long values, String source) {
        this.left = values;
        this.source = source;
    }

    /**
     * A budget of {@code values} weight values in all; {@code source} says where the limit comes
     * from in errors (e.g. {@code "model.lamina's weights.safetensors holds 1,234 values"}).
     */
    public static WeightBudget of(long values, String source) {
        return new WeightBudget(Math.max(0, values), source);
    }

    /** The values still allowed. */
    public long left() {
        return left;
    }

    /**
     * Takes {@code values} from the budget for the weight {@code path}.
     *
     * @throws IllegalArgumentException when they do not fit, before anything is allocated
     */
    void take(String path, long values) {
        if (values > left) {
            throw new IllegalArgumentException("weight '" + path + "' needs " + values + " values but only " + left
                    + " are left of the budget (" + source + "); the config declares a larger model than its"
                    + " weights.");
        }
        left -= values;
    }
}
