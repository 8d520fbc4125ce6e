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
