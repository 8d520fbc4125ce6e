package dev.lamina.util;

import java.util.Map;

/** Typed reads from a Keras config map, with errors that name the owner and the key. */
public final class ConfigValues {
    private ConfigValues() {}

    /** The number under {@code key}, or {@code dflt} when absent or null. */
    public static double number(Map<String, Object> config, String key, double dflt, String owner) {
        Object v = config == null ? null : config.get(key);
        if (v != null && !(v instanceof Number)) {
            throw new IllegalArgumentException(owner + " argument '" + key + "' must be a number, received " + v + ".");
        }
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    /** The integer seed under {@code seed}, or null. */
    public static Long seed(Map<String, Object> config, String owner) {
        Object s = config == null ? null : config.get("seed");
        if (s != null && !(s instanceof Number)) {
            throw new IllegalArgumentException(owner + " seed must be an integer or null, received " + s + ".");
        }
        return s == null ? null : ((Number) s).longValue();
    }
}
