package dev.lamina.data;

/** Turns one column's cells into the network's input values; made once per table by {@link ColumnSpec#encoder()}. */
@FunctionalInterface
public interface CellEncoder {
    /**
     * Writes the values of {@code cell} at {@code out[at...]}, counting missing and unseen values
     * in {@code report}; returns how many values it wrote. {@code source} and {@code line} name the
     * cell in errors.
     */
    int encode(String cell, float[] out, int at, EncodeReport report, String source, long line);
}
