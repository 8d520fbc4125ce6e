package dev.lamina.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch values of a {@code fit}: {@code history().get("val_loss").get(e)} is the
 * validation loss after epoch {@code e} (counted from {@code initialEpoch}). The learning curves
 * (loss vs val_loss) come from here.
 */
public final class History implements Callback, Resumable {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        epochs.add(epoch);
        for (String k : logs.keys()) {
            List<Double> list = values.computeIfAbsent(k, x -> new ArrayList<>());
            while (list.size() < epochs.size() - 1) {
                list.add(Double.NaN);
            }
            list.add(logs.get(k));
        }
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", new ArrayList<>(epochs));
        Map<String, Object> v = new LinkedHashMap<>();
        values.forEach((k, list) -> v.put(k, list.stream().map(Double::doubleToRawLongBits).toList()));
        m.put("values", v);
        // Saved maps are written with sorted keys; the order the keys were logged in is kept apart.
        m.put("keys", new ArrayList<>(values.keySet()));
        return m;
    }

    @Override
    public void restore(Map<String, Object> state, List<float[]> arrays) {
        epochs.clear();
        values.clear();
        for (Object e : (List<?>) state.get("epochs")) {
            epochs.add(((Number) e).intValue());
        }
        Map<?, ?> saved = (Map<?, ?>) state.get("values");
        List<?> order = state.get("keys") instanceof List<?> keys ? keys : new ArrayList<>(saved.keySet());
        for (Object k : order) {
            List<Double> d = new ArrayList<>();
            for (Object o : (List<?>) saved.get(k)) {
                d.add(Double.longBitsToDouble(((Number) o).longValue()));
            }
            values.put((String) k, d);
        }
    }

    /** The epochs recorded, from 0 (or the initial epoch). */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The values by name, one per recorded epoch. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The values of {@code key} per epoch.
     *
     * @throws IllegalArgumentException when {@code key} was never logged, listing the keys that were
     */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; recorded: " + values.keySet() + ".");
        }
        return Collections.unmodifiableList(v);
    }

    /** The value of {@code key} after the last recorded epoch. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }

    /** The reading of these learning curves: overfitting, divergence, the best epoch (see {@link CurveReading}). */
    public CurveReading reading() {
        return CurveReading.of(this);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
