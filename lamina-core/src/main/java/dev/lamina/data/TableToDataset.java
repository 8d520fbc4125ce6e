package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link Table} into a {@link Dataset}: picks the target and feature columns by name,
 * parses numbers as float, one-hot encodes the categorical columns asked for, and either rejects
 * (default) or drops rows with missing values. Missing means an empty cell or one of {@code NA},
 * {@code N/A}, {@code NaN}, {@code ?}.
 *
 * <pre>{@code
 * Dataset d = TableToDataset.of(CsvReader.read(Path.of("wine.csv")))
 *     .target("quality").build();
 * }</pre>
 */
public final class TableToDataset {
    private static final Set<String> MISSING = Set.of("", "NA", "N/A", "NaN", "nan", "?");
    private final Table table;
    private List<String> targets = List.of();
    private List<String> features;
    private Set<String> categorical = Set.of();
    private boolean dropMissing;

    private TableToDataset(Table table) {
        this.table = table;
    }

    /** Starts from {@code table}. */
    public static TableToDataset of(Table table) {
        return new TableToDataset(table);
    }

    /** The target column(s). */
    public TableToDataset target(String... columns) {
        this.targets = List.of(columns);
        return this;
    }

    /** The feature columns (default: every column that is not a target). */
    public TableToDataset features(List<String> columns) {
        this.features = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
        return this;
    }

    /** Columns to one-hot encode (one feature {@code column=value} per distinct value, sorted). */
    public TableToDataset oneHot(List<String> columns) {
        this.categorical = new LinkedHashSet<>(columns);
        return this;
    }

    /** Drops rows with a missing value in a used column instead of refusing them. */
    public TableToDataset dropMissing(boolean drop) {
        this.dropMissing = drop;
        return this;
    }

    /** The dataset. */
    public Dataset build() {
        return build(true);
    }

    /**
     * The feature rows alone, for prediction: no target column is needed, and with missing values
     * refused (not dropped), row {@code i} of the result is row {@code i} of the table.
     */
    public Tensor featureRows() {
        return build(false).x();
    }

    private Dataset build(boolean needTarget) {
        if (needTarget && targets.isEmpty()) {
            throw new DataFormatException(table.source() + ": choose the target column; the columns are: "
                    + String.join(", ", table.columns()) + ".");
        }
        int[] targetIdx = indices(targets);
        List<String> featureCols = features != null ? features : others(targets);
        for (String f : featureCols) {
            if (targets.contains(f)) {
                throw new DataFormatException(table.source() + ": column '" + f + "' is the target and cannot also be"
                        + " a feature; leave it out of the features.");
            }
        }
        if (featureCols.isEmpty()) {
            throw new DataFormatException(table.source() + " has no feature columns besides the target.");
        }
        for (String c : categorical) {
            if (!featureCols.contains(c)) {
                throw new DataFormatException(table.source() + ": one-hot column '" + c + "' is not a feature; the"
                        + " features are: " + String.join(", ", featureCols) + ".");
            }
        }
        int[] featureIdx = indices(featureCols);
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            if (!hasMissing(r, featureIdx) && !hasMissing(r, targetIdx)) {
                keep.add(r);
            } else if (!dropMissing || !needTarget) {
                int c = firstMissing(r, featureIdx, targetIdx);
                throw new DataFormatException(table.source() + " line " + table.lines().get(r) + ", column '"
                        + table.columns().get(c) + "': the value is missing; fill it in" + (needTarget
                        ? ", or drop such rows (--drop-missing)." : " (every row needs a prediction)."));
            }
        }
        if (keep.isEmpty()) {
            throw new DataFormatException(table.source() + ": every row has a missing value.");
        }
        List<String> names = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        for (int j = 0; j < featureCols.size(); j++) {
            String col = featureCols.get(j);
            if (categorical.contains(col)) {
                TreeSet<String> values = new TreeSet<>();
                for (int r : keep) {
                    values.add(table.rows().get(r)[featureIdx[j]]);
                }
                levels.add(new ArrayList<>(values));
                for (String v : values) {
                    names.add(col + "=" + v);
                }
            } else {
                levels.add(null);
                names.add(col);
            }
        }
        float[] x = new float[keep.size() * names.size()];
        float[] y = new float[keep.size() * targets.size()];
        for (int i = 0; i < keep.size(); i++) {
            int r = keep.get(i);
            int o = i * names.size();
            for (int j = 0; j < featureCols.size(); j++) {
                String cell = table.rows().get(r)[featureIdx[j]];
                if (levels.get(j) != null) {
                    x[o + levels.get(j).indexOf(cell)] = 1f;
                    o += levels.get(j).size();
                } else {
                    x[o++] = number(r, featureIdx[j]);
                }
            }
            for (int t = 0; t < targets.size(); t++) {
                y[i * targets.size() + t] = number(r, targetIdx[t]);
            }
        }
        // Feature rows alone (for prediction) have no targets, so no y.
        return new Dataset(Tensor.wrap(x, keep.size(), names.size()),
                targets.isEmpty() ? null : Tensor.wrap(y, keep.size(), targets.size()),
                names, targets);
    }

    private List<String> others(List<String> excluded) {
        List<String> out = new ArrayList<>();
        for (String c : table.columns()) {
            if (!excluded.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private int[] indices(List<String> names) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = table.column(names.get(i));
        }
        return idx;
    }

    private boolean hasMissing(int r, int[] cols) {
        for (int c : cols) {
            if (MISSING.contains(table.rows().get(r)[c])) {
                return true;
            }
        }
        return false;
    }

    private int firstMissing(int r, int[] a, int[] b) {
        for (int[] cols : new int[][] {a, b}) {
            for (int c : cols) {
                if (MISSING.contains(table.rows().get(r)[c])) {
                    return c;
                }
            }
        }
        return a[0];
    }

    private float number(int r, int c) {
        String cell = table.rows().get(r)[c];
        float v;
        try {
            v = Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(table.source() + " line " + table.lines().get(r) + ", column '"
                    + table.columns().get(c) + "': \"" + cell + "\" is not a number; one-hot encode the column if it"
                    + " is categorical (--one-hot " + table.columns().get(c) + ").", e);
        }
        if (!Float.isFinite(v)) {
            throw new DataFormatException(table.source() + " line " + table.lines().get(r) + ", column '"
                    + table.columns().get(c) + "': " + cell + " is not a finite number (or overflows float).");
        }
        return v;
    }
}
