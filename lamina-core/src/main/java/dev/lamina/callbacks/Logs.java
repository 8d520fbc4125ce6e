package dev.lamina.callbacks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named values of a batch or an epoch ({@code loss}, {@code mae}, {@code val_loss}, ...), kept
 * as primitives so that reporting a batch allocates nothing. Insertion order is kept.
 */
public final class Logs {
    private String[] keys = new String[8];
    private double[] values = new double[8];
    private int size;

    /** The value of {@code key}, or NaN when absent. */
    public double get(String key) {
        int i = indexOf(key);
        return i < 0 ? Double.NaN : values[i];
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return indexOf(key) >= 0;
    }

    /** Sets {@code key} to {@code value}, adding it if absent. */
    public void put(String key, double value) {
        int i = indexOf(key);
        if (i < 0) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            i = size++;
            keys[i] = key;
        }
        values[i] = value;
    }

    /** Removes every entry. */
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        size = 0;
    }

    /** The keys in insertion order. */
    public List<String> keys() {
        return new ArrayList<>(Arrays.asList(keys).subList(0, size));
    }

    /** A copy as a map. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.put(keys[i], values[i]);
        }
        return m;
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
