package dev.lamina.data;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Columns that give a class target away: for each column the spec reads, the share of training
 * rows whose class is the most common one of their column value (a category, or for a number
 * whether it is missing), values seen once counting as wrong. A column that alone tells the class
 * of nearly every row, far better than the most common class does, is most likely recorded after
 * the fact (titanic's lifeboat number); training on it gives a model that cannot be used.
 */
public final class LeakCheck {
    /** The share of rows a column must tell to be suspected. */
    public static final double TELLS = 0.95;
    /** How far above the most common class's share it must be. */
    public static final double ABOVE_BASE = 0.25;

    private LeakCheck() {}

    /**
     * The suspected columns of {@code spec} on the training {@code table}, with the share of rows
     * each tells, for a {@code target} of class labels (at most 50 distinct values); none for other
     * targets.
     */
    public static Map<String, Double> suspects(Table table, FeatureSpec spec, String target) {
        int t = table.column(target);
        Map<String, Integer> classes = new HashMap<>();
        for (String[] row : table.rows()) {
            classes.merge(row[t].trim(), 1, Integer::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        int n = table.rows().size();
        if (classes.size() > 50 || classes.size() < 2 || n == 0) {
            return out;
        }
        double base = classes.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) n;
        for (ColumnSpec c : spec.columns()) {
            if (c instanceof IgnoredColumn) {
                continue;
            }
            int j = table.column(c.name());
            Map<String, Map<String, Integer>> groups = new HashMap<>();
            for (String[] row : table.rows()) {
                String key = c instanceof NumericColumn ? (Missing.is(row[j]) ? "missing" : "present")
                        : Missing.is(row[j]) ? CategoricalColumn.MISSING_TOKEN : row[j].trim();
                groups.computeIfAbsent(key, k -> new HashMap<>()).merge(row[t].trim(), 1, Integer::sum);
            }
            long told = 0;
            for (Map<String, Integer> g : groups.values()) {
                int size = g.values().stream().mapToInt(Integer::intValue).sum();
                if (size > 1) {
                    told += g.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                }
            }
            double share = told / (double) n;
            if (share >= TELLS && share - base >= ABOVE_BASE) {
                out.put(c.name(), share);
            }
        }
        return out;
    }

    /** The spec with the suspects ignored, each with the reason. */
    public static FeatureSpec ignore(FeatureSpec spec, Map<String, Double> suspects) {
        for (Map.Entry<String, Double> e : suspects.entrySet()) {
            spec = spec.with(new IgnoredColumn(e.getKey(), String.format(java.util.Locale.ROOT,
                    "leaks the target? alone it tells the class of %.1f%% of training rows", 100 * e.getValue())));
        }
        return spec;
    }
}
