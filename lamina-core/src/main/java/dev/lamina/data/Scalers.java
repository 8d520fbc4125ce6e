package dev.lamina.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scalers by name ({@code standard}, {@code minmax}) and from a saved state. */
public final class Scalers {
    private Scalers() {}

    /**
     * A new scaler: {@code standard} or {@code minmax}; {@code none} gives null.
     *
     * @throws IllegalArgumentException for another name
     */
    public static Scaler get(String name) {
        return switch (name == null ? "none" : name) {
            case "standard" -> new StandardScaler();
            case "minmax" -> new MinMaxScaler();
            case "none" -> null;
            default -> throw new IllegalArgumentException("Unknown scaler '" + name + "'; valid: standard, minmax, none.");
        };
    }

    /** A fitted scaler from {@link Scaler#state()}. */
    public static Scaler fromState(Map<String, Object> state) {
        String cls = String.valueOf(state.get("class_name"));
        AffineScaler s = switch (cls) {
            case "StandardScaler" -> new StandardScaler();
            case "MinMaxScaler" -> new MinMaxScaler();
            default -> throw new IllegalArgumentException("Unknown scaler class '" + cls + "'.");
        };
        Object off = state.get("offset");
        Object sc = state.get("scale");
        if (!(off instanceof List<?> o) || !(sc instanceof List<?> c)) {
            throw new IllegalArgumentException(cls + " state needs lists 'offset' and 'scale'.");
        }
        s.restore(numbers(cls, "offset", o), numbers(cls, "scale", c));
        return s;
    }

    private static List<Double> numbers(String owner, String key, List<?> values) {
        List<Double> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(owner + " state '" + key + "' holds " + v + "; expected numbers.");
            }
            out.add(n.doubleValue());
        }
        return out;
    }
}
