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
                if (Missing.is(cell) || !CsvNumbers.isPlainDecimal(cell) || !Float.isFinite(Float.parseFloat(cell))) {
                    throw new DataFormatException(source + " line " + lines.get(r) + ", column '" + names.get(j)
                            + "': \"" + cell + "\" is " + (Missing.is(cell) ? "missing" : "not a finite number")
                            + "; every target needs a number.");
                }
                out[r * at.length + j] = Float.parseFloat(cell);
            }
        }
        return dev.lamina.tensor.Tensor.wrap(out, rows.size(), at.length);
    }

    /** The index of column {@code name}, or a clear error listing the columns. */
    public int column(String name) {
        return column(source, columns, name);
    }

    /** The index of column {@code name} among the {@code columns} of {@code source}, or an error listing them. */
    static int column(String source, List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new DataFormatException(source + " has no column '" + name + "'; its columns are: "
                    + String.join(", ", columns) + ".");
        }
        return i;
    }
}
