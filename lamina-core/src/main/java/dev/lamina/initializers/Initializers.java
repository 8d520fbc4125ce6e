package dev.lamina.initializers;

import dev.lamina.util.ConfigValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Initializers by Keras name ({@code "glorot_uniform"}) or Keras class name and config. */
public final class Initializers {
    private static final Map<String, Function<Map<String, Object>, Initializer>> BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, String> SNAKE = new LinkedHashMap<>();

    static {
        reg("glorot_uniform", "GlorotUniform", c -> VarianceScaling.glorotUniform(ConfigValues.seed(c, "Initializer")));
        reg("glorot_normal", "GlorotNormal", c -> VarianceScaling.glorotNormal(ConfigValues.seed(c, "Initializer")));
        reg("he_normal", "HeNormal", c -> VarianceScaling.heNormal(ConfigValues.seed(c, "Initializer")));
        reg("he_uniform", "HeUniform", c -> VarianceScaling.heUniform(ConfigValues.seed(c, "Initializer")));
        reg("lecun_normal", "LecunNormal", c -> VarianceScaling.lecunNormal(ConfigValues.seed(c, "Initializer")));
        reg("lecun_uniform", "LecunUniform", c -> VarianceScaling.lecunUniform(ConfigValues.seed(c, "Initializer")));
        reg("variance_scaling", "VarianceScaling", c -> new VarianceScaling(ConfigValues.number(c, "scale", 1.0, "Initializer"),
                str(c, "mode", "fan_in"), str(c, "distribution", "truncated_normal"), ConfigValues.seed(c, "Initializer"), "VarianceScaling"));
        reg("random_normal", "RandomNormal",
                c -> new RandomNormal(ConfigValues.number(c, "mean", 0.0, "Initializer"), ConfigValues.number(c, "stddev", 0.05, "Initializer"), false, ConfigValues.seed(c, "Initializer")));
        reg("truncated_normal", "TruncatedNormal",
                c -> new RandomNormal(ConfigValues.number(c, "mean", 0.0, "Initializer"), ConfigValues.number(c, "stddev", 0.05, "Initializer"), true, ConfigValues.seed(c, "Initializer")));
        reg("random_uniform", "RandomUniform",
                c -> new RandomUniform(ConfigValues.number(c, "minval", -0.05, "Initializer"), ConfigValues.number(c, "maxval", 0.05, "Initializer"), ConfigValues.seed(c, "Initializer")));
        reg("zeros", "Zeros", c -> Constant.ZEROS);
        reg("ones", "Ones", c -> Constant.ONES);
        reg("constant", "Constant", c -> Constant.of(ConfigValues.number(c, "value", 0.0, "Initializer")));
        reg("orthogonal", "Orthogonal", c -> new Orthogonal(ConfigValues.number(c, "gain", 1.0, "Initializer"), ConfigValues.seed(c, "Initializer")));
    }

    private Initializers() {}

    private static void reg(String snake, String cls, Function<Map<String, Object>, Initializer> f) {
        SNAKE.put(snake, cls);
        BY_CLASS.put(cls, f);
    }

    /**
     * The initializer with Keras name {@code name} (e.g. {@code "he_normal"}) or class name
     * (e.g. {@code "HeNormal"}), with default arguments.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Initializer get(String name) {
        return fromConfig(name, Map.of());
    }

    /**
     * The initializer of Keras class {@code className} (or its snake-case name) with {@code config}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Initializer fromConfig(String className, Map<String, Object> config) {
        String cls = SNAKE.getOrDefault(className, className);
        Function<Map<String, Object>, Initializer> f = BY_CLASS.get(cls);
        if (f == null) {
            throw new IllegalArgumentException("Unknown initializer '" + className + "'; valid names: "
                    + String.join(", ", names()) + ".");
        }
        return f.apply(config == null ? Map.of() : config);
    }

    /** The valid snake-case names. */
    public static List<String> names() {
        return List.copyOf(SNAKE.keySet());
    }



    private static String str(Map<String, Object> c, String key, String dflt) {
        Object v = c.get(key);
        return v == null ? dflt : v.toString();
    }
}
