package dev.lamina.data;

import java.util.List;

/**
 * How one column of a table becomes the network's input values: {@link NumericColumn},
 * {@link CategoricalColumn} or {@link IgnoredColumn}. A column is set up, then adapted on the
 * training rows (what it learns is part of it), then encodes cells.
 */
public sealed interface ColumnSpec permits NumericColumn, CategoricalColumn, IgnoredColumn {
    /** The column's name in the table. */
    String name();

    /** {@code numeric}, {@code categorical} or {@code ignored}. */
    String kind();

    /** Whether {@link #adapt} has run (an ignored column needs none). */
    boolean adapted();

    /** The names of the values it writes per row, in order (none for an ignored column). */
    List<String> outputNames();

    /**
     * This column having learned from its cells on the training rows; {@code source} and the
     * cells' {@code lines} name them in errors.
     */
    ColumnSpec adapt(List<String> cells, List<Long> lines, String source);

    /** What encodes this adapted column's cells (made once per table: a vocabulary's lookup is built here). */
    CellEncoder encoder();

    /** One line: the kind and settings, for the table printed before training. */
    String describe();

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 1024) {
            throw new IllegalArgumentException("A column spec needs a column name of 1 to 1024 characters; got "
                    + (name == null ? "null" : name.length() + " characters") + ".");
        }
    }

    static void checkChoice(String column, String what, String value, List<String> choices) {
        if (!choices.contains(value)) {
            throw new IllegalArgumentException("Column '" + column + "': " + what + " '" + value + "' is not one of "
                    + choices + ".");
        }
    }
}
