package dev.lamina.cli;

import dev.lamina.data.Table;
import dev.lamina.data.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
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
        List<Integer> kept = new ArrayList<>();
        int first = -1;
        String column = null;
        for (int r = 0; r < table.rows().size(); r++) {
            boolean present = true;
            for (int k = 0; k < at.length; k++) {
                if (Tables.isMissing(table.rows().get(r)[at[k]])) {
                    present = false;
                    if (first < 0) {
                        first = r;
                        column = needed.get(k);
                    }
                }
            }
            if (present) {
                kept.add(r);
            }
        }
        int missing = table.rows().size() - kept.size();
        if (missing == 0) {
            return table;
        }
        String rows = missing + " row" + (missing == 1 ? "" : "s");
        if (!drop) {
            throw new IllegalArgumentException(table.source() + " line " + table.lines().get(first) + ", column '"
                    + column + "': the value is missing (" + rows + " without " + what + " in all); every row needs"
                    + " one: fill it in, or leave such rows out with --drop-missing.");
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(table.source() + ": no row has " + what + "; check the column names.");
        }
        out.println("Dropped " + rows + " without " + what + " (--drop-missing).");
        out.flush();
        return table.select(kept.stream().mapToInt(Integer::intValue).toArray());
    }
}
