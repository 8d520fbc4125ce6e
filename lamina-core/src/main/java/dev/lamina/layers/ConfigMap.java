package dev.lamina.layers;

import dev.lamina.constraints.Constraint;
import dev.lamina.constraints.Constraints;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.Initializers;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.regularizers.Regularizers;
import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Keras-shaped config maps: typed getters with errors that name the layer and
 * key, and nested objects as {@code {"module", "class_name", "config", "registered_name"}}.
 */
public final class ConfigMap {
    private final String owner;
    private final Map<String, Object> map;

    /** A reader over {@code map} for errors naming {@code owner} (e.g. {@code "Dense config"}). */
    public ConfigMap(String owner, Map<String, Object> map) {
        this.owner = owner;
        this.map = map == null ? Map.of() : map;
    }

    /** A string, or {@code dflt} when absent or null. */
    public String string(String key, String dflt) {
        Object v = map.get(key);
        return v == null ? dflt : v.toString();
    }

    /** An integer, or {@code dflt} when absent or null. */
    public int integer(String key, int dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        Integer exact = exactInt(v);
        if (exact != null) {
            return exact;
        }
        throw bad(key, v, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }

    /**
     * {@code v} as an int when it is a whole number that fits one exactly, else null: never
     * truncated ({@code 4294967312} is not 16) nor rounded ({@code 2.5} is not 2).
     */
    static Integer exactInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof java.math.BigInteger) {
            long l = ((Number) v).longValue();
            boolean exact = !(v instanceof java.math.BigInteger b) || b.bitLength() < 64;
            return exact && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (int) l : null;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : null;
        }
        return null;
    }

    /** A number, or {@code dflt} when absent or null. */
    public double number(String key, double dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw bad(key, v, "a number");
    }

    /**
     * Numbers along the last axis, or null when absent or null: a number (a list of one), a list of
     * numbers, a nested list whose outer levels each hold one element ({@code [[1, 2, 3]]}), or any of
     * these in Keras' serialized NumPy form ({@code {"class_name": "__numpy__", "config": {"value":
     * ...}}}). At most {@code maxCount} numbers, each finite.
     */
    public List<Double> numbers(String key, int maxCount) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        Object value = v;
        if (v instanceof Map<?, ?> m && "__numpy__".equals(m.get("class_name"))
                && m.get("config") instanceof Map<?, ?> c) {
            value = c.get("value");
        }
        while (value instanceof List<?> l && l.size() == 1 && l.get(0) instanceof List<?>) {
            value = l.get(0);
        }
        String expected = "a number or a list of numbers along the last axis (at most " + maxCount + ", finite)";
        List<?> items = value instanceof List<?> l ? l : java.util.Collections.singletonList(value);
        if (items.isEmpty() || items.size() > maxCount) {
            throw bad(key, v, expected);
        }
        List<Double> out = new java.util.ArrayList<>(items.size());
        for (Object o : items) {
            if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw bad(key, v, expected);
            }
            out.add(n.doubleValue());
        }
        return List.copyOf(out);
    }

    /** A boolean, or {@code dflt} when absent or null. */
    public boolean bool(String key, boolean dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(key, v, "true or false");
    }

    /**
     * Refuses an {@code axis} other than the last ({@code -1} or {@code [-1]}; absent is the last):
     * "{@code <owner>: Lamina <what> over the last axis only (axis -1); received axis <axis>.}"
     */
    public void lastAxisOnly(String what) {
        Object axis = map.get("axis");
        Check.that(axis == null || Integer.valueOf(-1).equals(axis) || List.of(-1).equals(axis),
                owner + ": Lamina " + what + " over the last axis only (axis -1); received axis " + axis + ".");
    }

    /** A list of integers with nulls allowed (e.g. Keras' {@code batch_shape}), or null. */
    public List<Integer> intList(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw bad(key, v, "a list of integers");
        }
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (Object o : l) {
            Integer exact = exactInt(o);
            if (o != null && exact == null) {
                throw bad(key, v, "a list of integers (each from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                        + ")");
            }
            out.add(exact);
        }
        return out;
    }

    /** An initializer given as a name or a nested object, or {@code dflt}. */
    public Initializer initializer(String key, Initializer dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        Nested n = nested(key, v);
        return Initializers.fromConfig(n.className, n.config);
    }

    /** A regularizer given as a name or a nested object, or null. */
    public Regularizer regularizer(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        Nested n = nested(key, v);
        return Regularizers.fromConfig(n.className, n.config);
    }

    /** A constraint given as a name or a nested object, or null. */
    public Constraint constraint(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        Nested n = nested(key, v);
        return Constraints.fromConfig(n.className, n.config);
    }

    /** The keys every Keras layer config starts with: name, trainable and dtype (float32). */
    public static Map<String, Object> layerBase(String name, boolean trainable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("trainable", trainable);
        m.put("dtype", "float32");
        return m;
    }

    /** Keras' serialized form of a nested object, or null for null. */
    public static Map<String, Object> serialize(String module, String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        return m;
    }

    /** An initializer in Keras' serialized form. */
    public static Map<String, Object> serialize(Initializer i) {
        return i == null ? null : serialize("keras.initializers", i.className(), i.config());
    }

    /** A regularizer in Keras' serialized form, or null. */
    public static Map<String, Object> serialize(Regularizer r) {
        return r == null ? null : serialize("keras.regularizers", r.className(), r.config());
    }

    /** A constraint in Keras' serialized form, or null. */
    public static Map<String, Object> serialize(Constraint c) {
        return c == null ? null : serialize("keras.constraints", c.className(), c.config());
    }

    private record Nested(String className, Map<String, Object> config) {}

    @SuppressWarnings("unchecked")
    private Nested nested(String key, Object v) {
        if (v instanceof String s) {
            return new Nested(s, Map.of());
        }
        if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Object rn = m.get("registered_name");
            if (rn != null && !rn.equals(cls)) {
                throw new IllegalArgumentException(owner + ": '" + key + "' is the custom object '" + rn
                        + "', which Lamina does not load; use a built-in " + key + ".");
            }
            Object c = m.get("config");
            return new Nested(cls, c instanceof Map<?, ?> cm ? (Map<String, Object>) cm : Map.of());
        }
        throw bad(key, v, "a name or an object with 'class_name' and 'config'");
    }

    private IllegalArgumentException bad(String key, Object v, String expected) {
        String shown = String.valueOf(v);
        if (shown.length() > 120) {
            shown = shown.substring(0, 120) + "... (" + shown.length() + " characters)";
        }
        return new IllegalArgumentException("Invalid value for '" + key + "' in " + owner + ": expected "
                + expected + ", received " + shown + ".");
    }
}
