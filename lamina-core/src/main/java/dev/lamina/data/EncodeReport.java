package dev.lamina.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What encoding a table met that training did not: per column, the cells that were missing
 * (imputed) and the categories never seen in training (sent to the out-of-vocabulary bucket),
 * with a few of the unseen values, so that predict and evaluate can say so.
 */
public final class EncodeReport {
    private static final int EXAMPLES = 5;
    private final Map<String, Long> missing = new LinkedHashMap<>();
    private final Map<String, Long> unseen = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> examples = new LinkedHashMap<>();

    void missing(String column) {
        missing.merge(column, 1L, Long::sum);
    }

    void unseen(String column, String value) {
        unseen.merge(column, 1L, Long::sum);
        Map<String, Long> ex = examples.computeIfAbsent(column, k -> new LinkedHashMap<>());
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        if (ex.containsKey(shown) || ex.size() < EXAMPLES) {
            ex.merge(shown, 1L, Long::sum);
        }
    }

    /** Missing cells per column (columns with none left out). */
    public Map<String, Long> missing() {
        return Map.copyOf(missing);
    }

    /** Unseen categories per column (columns with none left out). */
    public Map<String, Long> unseen() {
        return Map.copyOf(unseen);
    }

    /** Whether anything was missing or unseen. */
    public boolean isEmpty() {
        return missing.isEmpty() && unseen.isEmpty();
    }

    /**
     * One line per column with missing or unseen values, e.g. {@code embarked: 3 unseen in
     * training, sent to the out-of-vocabulary bucket: Z (3)}.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(missing.keySet());
        columns.addAll(unseen.keySet());
        for (String c : columns) {
            StringBuilder sb = new StringBuilder(c).append(':');
            if (missing.containsKey(c)) {
                sb.append(' ').append(missing.get(c)).append(" missing");
            }
            if (unseen.containsKey(c)) {
                List<String> shown = new ArrayList<>();
                long listed = 0;
                for (Map.Entry<String, Long> e : examples.get(c).entrySet()) {
                    shown.add(e.getKey() + " (" + e.getValue() + ")");
                    listed += e.getValue();
                }
                sb.append(missing.containsKey(c) ? "," : "").append(' ').append(unseen.get(c))
                        .append(" unseen in training, sent to the out-of-vocabulary bucket: ")
                        .append(String.join(", ", shown)).append(listed < unseen.get(c) ? ", others" : "");
            }
            out.add(sb.toString());
        }
        return out;
    }
}
