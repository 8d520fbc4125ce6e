package dev.lamina.cli;

import dev.lamina.data.Table;
import dev.lamina.data.Tables;
import java.io.PrintWriter;
import java.util.List;

/**
 * Rows of a table that lack a target (or a weight): refused with the first line, the count and the
 * fixes, or, with --drop-missing, left out and counted.
 */
final class MissingTargets {
    private MissingTargets() {}

    /**
     * {@code table} without its rows that miss a value in any of {@code needed}, when {@code drop};
     * the table itself when none does.
     *
     * @param what what a row misses, for messages: "a target", "a target or a weight"
     * @throws IllegalArgumentException when a row misses one and {@code drop} is false, or when every row does
     */
    static Table keep(Table table, List<String> needed, String what, boolean drop, PrintWriter out) {
        int[] at = needed.stream().mapToInt(table::column).toArray();
        int[] kept = rowsWithValues(table, at);
        int missing = table.rows().size() - kept.length;
        if (missing == 0) {
            return table;
        }
        String rows = missing + " row" + (missing == 1 ? "" : "s");
        if (!drop) {
            int first = 0; // the first row not kept: where the kept indices first skip one
            while (first < kept.length && kept[first] == first) {
                first++;
            }
            String[] row = table.rows().get(first);
            int k = 0;
            while (!Tables.isMissing(row[at[k]])) {
                k++;
            }
            throw new IllegalArgumentException(table.source() + " line " + table.lines().get(first) + ", column '"
                    + needed.get(k) + "': the value is missing (" + rows + " without " + what + " in all); every row"
                    + " needs one: fill it in, or leave such rows out with --drop-missing.");
        }
        if (kept.length == 0) {
            throw new IllegalArgumentException(table.source() + ": no row has " + what + "; check the column names.");
        }
        out.println("Dropped " + rows + " without " + what + " (--drop-missing).");
        out.flush();
        return table.select(kept);
    }

    /** The indices of {@code table}'s rows with a value in every one of {@code columns}, in order. */
    static int[] rowsWithValues(Table table, int[] columns) {
        List<String[]> rows = table.rows();
        int[] kept = new int[rows.size()];
        int n = 0;
        for (int r = 0; r < rows.size(); r++) {
            boolean present = true;
            for (int j : columns) {
                present &= !Tables.isMissing(rows.get(r)[j]);
            }
            if (present) {
                kept[n++] = r;
            }
        }
        return java.util.Arrays.copyOf(kept, n);
    }
}
