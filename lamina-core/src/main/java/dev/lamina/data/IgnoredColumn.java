package dev.lamina.data;

import java.util.List;

/**
 * A column the model does not read (an identifier, free text, a column that leaks the target).
 *
 * @param name the column
 * @param reason why, for the printed specification (empty when the user said so)
 */
public record IgnoredColumn(String name, String reason) implements ColumnSpec {
    /** Checks the name. */
    public IgnoredColumn {
        ColumnSpec.checkName(name);
        reason = reason == null ? "" : reason;
    }

    @Override
    public String kind() {
        return "ignored";
    }

    @Override
    public boolean adapted() {
        return true;
    }

    @Override
    public List<String> outputNames() {
        return List.of();
    }

    @Override
    public IgnoredColumn adapt(List<String> cells, List<Long> lines, String source) {
        return this;
    }

    @Override
    public CellEncoder encoder() {
        return (cell, out, at, report, source, line) -> 0;
    }

    @Override
    public String describe() {
        return "ignored" + (reason.isEmpty() ? "" : "      " + reason);
    }
}
