package dev.lamina.data;

import java.util.List;

/**
 * The raw cells of a CSV file: column names from the header and, per data row, its strings and its
 * line number in the file (for error messages).
 *
 * @param source the file's name, as errors should show it
 * @param columns the header's column names
 * @param rows the data rows' cells
 * @param lines the line number of each data row (1-based, the header being line 1)
 */
public record Table(String source, List<String> columns, List<String[]> rows, List<Long> lines) {
    /** Keeps the header as {@link ColumnNames}, so that {@link #column} finds a name in constant time. */
    public Table {
        columns = ColumnNames.of(columns);
    }

    /** The rows at {@code indices}, in that order (the cells are shared, not copied). */
    public Table select(int[] indices) {
        List<String[]> r = new java.util.ArrayList<>(indices.length);
        List<Long> l = new java.util.ArrayList<>(indices.length);
        for (int i : indices) {
            r.add(rows.get(i));
            l.add(lines.get(i));
        }
        return new Table(source, columns, r, l);
    }

    /**
     * The cells of {@code names} as numbers, one row per table row (targets, weights).
     *
     * @throws DataFormatException naming the line and column of a missing or non-numeric cell
     */
    public dev.lamina.tensor.Tensor numbers(List<String> names) {
        int[] at = new int[names.size()];
        for (int j = 0; j < at.length; j++) {
            at[j] = column(names.get(j));
        }
        float[] out = new float[rows.size() * at.length];
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < at.length; j++) {
                String cell = rows.get(r)[at[j]].trim();
                String number = Missing.is(cell) ? null : CsvNumbers.plain(cell);
                if (number == null || !Float.isFinite(Float.parseFloat(number))) {
                    throw new DataFormatException(source + " line " + lines.get(r) + ", column '" + names.get(j)
                            + "': " + (Missing.is(cell) ? "the value is missing" : "\"" + cell + "\" is not a finite"
                            + " number") + "; every target needs a number.");
                }
                out[r * at.length + j] = Float.parseFloat(number);
            }
        }
        return dev.lamina.tensor.Tensor.wrap(out, rows.size(), at.length);
    }

    /**
     * The labels of column {@code name} as class indices into {@code classes}, one row per table row.
     *
     * @throws DataFormatException naming the line of a missing label or one not among the classes
     */
    public dev.lamina.tensor.Tensor labels(String name, List<String> classes) {
        int j = column(name);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        float[] out = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String cell = rows.get(r)[j].trim();
            Integer k = index.get(cell);
            if (k == null) {
                throw new DataFormatException(source + " line " + lines.get(r) + ", column '" + name + "': \""
                        + cell + "\" is " + (Missing.is(cell) ? "missing" : "not one of the classes the model knows "
                        + (classes.size() <= 20 ? classes : classes.subList(0, 20) + "...")) + ".");
            }
            out[r] = k;
        }
        return dev.lamina.tensor.Tensor.wrap(out, rows.size(), 1);
    }

    /** The distinct labels of column {@code name} in sorted order (missing cells refused): a text target's classes. */
    public List<String> classes(String name) {
        int j = column(name);
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (int r = 0; r < rows.size(); r++) {
            String cell = rows.get(r)[j].trim();
            if (Missing.is(cell)) {
                throw new DataFormatException(source + " line " + lines.get(r) + ", column '" + name + "': the target"
                        + " is missing; every row needs a label.");
            }
            out.add(cell);
        }
        return List.copyOf(out);
    }

    /** The index of column {@code name}, or a clear error listing the columns. */
    public int column(String name) {
        return column(source, columns, name);
    }

    /**
     * The index of column {@code name} among the {@code columns} of {@code source}, or an error listing
     * them; in constant time where {@code columns} are {@link ColumnNames}.
     */
    static int column(String source, List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new DataFormatException(source + " has no column '" + name + "'; its columns are: "
                    + ColumnNames.listed(columns) + "." + ColumnNames.suggestion(columns, name));
        }
        return i;
    }
}
