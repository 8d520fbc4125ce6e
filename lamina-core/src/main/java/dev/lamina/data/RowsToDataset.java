package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns rows of cells, given one at a time, into a {@link Dataset}, keeping numbers as float32
 * from the first row on: a row's cells are parsed and dropped, so a file larger than its strings
 * would fit still loads, and the peak is about twice the float matrix (the chunks read, then the
 * matrix they are copied into; a heap that runs out is reported by {@code TableToDataset}).
 * Categorical columns are kept as integer codes until the end, when
 * their one-hot columns are laid out in sorted order of their values.
 */
final class RowsToDataset {
    /** 64 Ki values (256 KB): well under half a G1 region, so chunks are ordinary objects, not humongous ones. */
    private static final int CHUNK_VALUES = 1 << 16;

    private final String source;
    private final List<String> columns;
    private final List<String> targets;
    private final List<String> features;
    private final boolean dropMissing;
    private long dropped;
    private final boolean forPrediction;
    private final int[] targetIndex;
    private final int[] featureIndex;
    /** Per feature: null for a number, else the codes of its values in order of first appearance. */
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final List<float[]> numberChunks = new ArrayList<>();
    private final List<int[]> codeChunks = new ArrayList<>();
    private float[] numbers = new float[0];
    private int[] codesInUse = new int[0];
    private int numberFill;
    private int codeFill;
    private int rows;

    /**
     * Checks the choice of columns against the header.
     *
     * @param forPrediction features only (no target), and a missing value is an error even with
     *     {@code dropMissing}, so that output row i is input row i
     */
    RowsToDataset(String source, List<String> columns, List<String> targets, List<String> features,
                  Set<String> categorical, boolean dropMissing, boolean forPrediction) {
        this.source = source;
        this.columns = ColumnNames.of(columns);
        this.targets = List.copyOf(targets);
        this.dropMissing = dropMissing && !forPrediction;
        this.forPrediction = forPrediction;
        if (!forPrediction && targets.isEmpty()) {
            throw new DataFormatException(source + ": choose the target column; the columns are: "
                    + ColumnNames.listed(columns) + ".");
        }
        distinct(source, "target", this.targets);
        this.features = features != null ? List.copyOf(features) : others(columns, this.targets);
        distinct(source, "feature", this.features);
        for (String f : this.features) {
            if (this.targets.contains(f)) {
                throw new DataFormatException(source + ": column '" + f + "' is the target and cannot also be a"
                        + " feature; leave it out of the features.");
            }
        }
        if (this.features.isEmpty()) {
            throw new DataFormatException(source + " has no feature columns besides the target.");
        }
        Set<String> featureSet = new HashSet<>(this.features);
        for (String c : categorical) {
            if (!featureSet.contains(c)) {
                throw new DataFormatException(source + ": one-hot column '" + c + "' is not a feature; the features"
                        + " are: " + ColumnNames.listed(this.features) + ".");
            }
        }
        targetIndex = indices(this.targets);
        featureIndex = indices(this.features);
        for (String f : this.features) {
            codes.add(categorical.contains(f) ? new HashMap<>() : null);
        }
    }

    /** Adds a data row; {@code line} is its line in the file, for errors. */
    void add(String[] cells, long line) {
        int missing = firstMissing(cells);
        if (missing >= 0) {
            if (dropMissing) {
                dropped++;
                return;
            }
            throw new DataFormatException(source + " line " + line + ", column '" + columns.get(missing) + "': the"
                    + " value is missing; fill it in" + (forPrediction ? " (every row needs a prediction)."
                    : ", or drop such rows (--drop-missing)."));
        }
        for (int j = 0; j < featureIndex.length; j++) {
            Map<String, Integer> c = codes.get(j);
            String cell = cells[featureIndex[j]];
            if (c == null) {
                putNumber(number(cell, featureIndex[j], line));
            } else {
                Integer code = c.get(cell);
                if (code == null) {
                    code = c.size();
                    c.put(cell, code);
                }
                putCode(code);
            }
        }
        for (int t : targetIndex) {
            putNumber(number(cells[t], t, line));
        }
        rows++;
    }

    /** The rows added so far. */
    int rows() {
        return rows;
    }

    /** The rows left out for a missing value (with {@code dropMissing}). */
    long dropped() {
        return dropped;
    }

    /** The dataset of the rows added. */
    Dataset build() {
        if (rows == 0) {
            throw new DataFormatException(source + (dropMissing ? ": every row has a missing value."
                    : " has a header but no data rows."));
        }
        // One-hot columns in sorted order of their values, as before; codes map to positions.
        List<String> names = new ArrayList<>();
        List<int[]> position = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            Map<String, Integer> c = codes.get(j);
            if (c == null) {
                names.add(features.get(j));
                position.add(null);
                continue;
            }
            TreeMap<String, Integer> sorted = new TreeMap<>(c);
            int[] at = new int[c.size()];
            int k = 0;
            for (Map.Entry<String, Integer> e : sorted.entrySet()) {
                names.add(features.get(j) + "=" + e.getKey());
                at[e.getValue()] = k++;
            }
            position.add(at);
        }
        float[] x;
        float[] y;
        try {
            x = new float[Math.multiplyExact(rows, names.size())];
        } catch (ArithmeticException e) {
            throw new DataFormatException(source + ": " + rows + " rows of " + names.size() + " features are more"
                    + " values than one array holds (" + Integer.MAX_VALUE + "); use fewer rows or columns.", e);
        }
        y = forPrediction ? null : new float[rows * targets.size()];
        int n = 0;
        int c = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * names.size();
            for (int j = 0; j < features.size(); j++) {
                int[] at = position.get(j);
                if (at == null) {
                    x[o++] = numberAt(n++);
                } else {
                    x[o + at[codeAt(c++)]] = 1f;
                    o += at.length;
                }
            }
            for (int t = 0; t < targets.size(); t++) {
                float v = numberAt(n++);
                if (y != null) {
                    y[i * targets.size() + t] = v;
                }
            }
        }
        numberChunks.clear();
        codeChunks.clear();
        return new Dataset(Tensor.wrap(x, rows, names.size()), y == null ? null : Tensor.wrap(y, rows,
                targets.size()), names, targets);
    }

    private void putNumber(float v) {
        if (numberFill == numbers.length) {
            numbers = new float[CHUNK_VALUES];
            numberChunks.add(numbers);
            numberFill = 0;
        }
        numbers[numberFill++] = v;
    }

    private void putCode(int code) {
        if (codeFill == codesInUse.length) {
            codesInUse = new int[CHUNK_VALUES];
            codeChunks.add(codesInUse);
            codeFill = 0;
        }
        codesInUse[codeFill++] = code;
    }

    private float numberAt(int index) {
        return numberChunks.get(index / CHUNK_VALUES)[index % CHUNK_VALUES];
    }

    private int codeAt(int index) {
        return codeChunks.get(index / CHUNK_VALUES)[index % CHUNK_VALUES];
    }

    private float number(String cell, int column, long line) {
        String number = CsvNumbers.plain(cell);
        if (number == null) {
            throw new DataFormatException(source + " line " + line + ", column '" + columns.get(column) + "': \""
                    + cell + "\" is not a number; one-hot encode the column if it is categorical (--one-hot "
                    + columns.get(column) + ").");
        }
        float v = Float.parseFloat(number);
        if (!Float.isFinite(v)) {
            throw new DataFormatException(source + " line " + line + ", column '" + columns.get(column) + "': " + cell
                    + " is not a finite number (or overflows float).");
        }
        return v;
    }

    private int firstMissing(String[] cells) {
        for (int c : featureIndex) {
            if (Missing.is(cells[c])) {
                return c;
            }
        }
        for (int c : targetIndex) {
            if (Missing.is(cells[c])) {
                return c;
            }
        }
        return -1;
    }

    /** Refuses a column named twice in one role, naming it. */
    static void distinct(String source, String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new DataFormatException(source + ": " + what + " column '" + n + "' is named twice; name each "
                        + what + " once.");
            }
        }
    }

    private static List<String> others(List<String> columns, List<String> excluded) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (!excluded.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private int[] indices(List<String> names) {
        return indices(source, columns, names);
    }

    /** The positions of {@code names} in the header {@code columns}, or an error listing the columns. */
    static int[] indices(String source, List<String> columns, List<String> names) {
        int[] idx = new int[names.size()];
        List<String> header = ColumnNames.of(columns);
        for (int i = 0; i < idx.length; i++) {
            idx[i] = Table.column(source, header, names.get(i));
        }
        return idx;
    }
}
