package dev.lamina.initializers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Initializers by Keras name ({@code "glorot_uniform"}) or Keras class name and config. */
public final class Initializers {
    private static final Map<String, Function<Map<String, Object>, Initializer>> BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, String> SNAKE = new LinkedHashMap<>();

    static {
        reg("glorot_uniform", "GlorotUniform", c -> VarianceScaling.glorotUniform(seed(c)));
        reg("glorot_normal", "GlorotNormal", c -> VarianceScaling.glorotNormal(seed(c)));
        reg("he_normal", "HeNormal", c -> VarianceScaling.heNormal(seed(c)));
        reg("he_uniform", "HeUniform", c -> VarianceScaling.heUniform(seed(c)));
        reg("lecun_normal", "LecunNormal", c -> VarianceScaling.lecunNormal(seed(c)));
        reg("lecun_uniform", "LecunUniform", c -> VarianceScaling.lecunUniform(seed(c)));
        reg("variance_scaling", "VarianceScaling", c -> new VarianceScaling(num(c, "scale", 1.0),
                str(c, "mode", "fan_in"), str(c, "distribution", "truncated_normal"), seed(c), "VarianceScaling"));
        reg("random_normal", "RandomNormal",
                c -> new RandomNormal(num(c, "mean", 0.0), num(c, "stddev", 0.05), false, seed(c)));
        reg("truncated_normal", "TruncatedNormal",
                c -> new RandomNormal(num(c, "mean", 0.0), num(c, "stddev", 0.05), true, seed(c)));
        reg("random_uniform", "RandomUniform",
                c -> new RandomUniform(num(c, "minval", -0.05), num(c, "maxval", 0.05), seed(c)));
        reg("zeros", "Zeros", c -> Constant.ZEROS);
        reg("ones", "Ones", c -> Constant.ONES);
        reg("constant", "Constant", c -> Constant.of(num(c, "value", 0.0)));
        reg("orthogonal", "Orthogonal", c -> new Orthogonal(num(c, "gain", 1.0), seed(c)));
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

    private static Long seed(Map<String, Object> c) {
        Object s = c.get("seed");
        Check.that(s == null || s instanceof Number, "Initializer seed must be an integer or null, received " + s + ".");
        return s == null ? null : ((Number) s).longValue();
    }

    private static double num(Map<String, Object> c, String key, double dflt) {
        Object v = c.get(key);
        Check.that(v == null || v instanceof Number, "Initializer argument '" + key + "' must be a number, received "
                + v + ".");
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    private static String str(Map<String, Object> c, String key, String dflt) {
        Object v = c.get(key);
        return v == null ? dflt : v.toString();
    }
}
