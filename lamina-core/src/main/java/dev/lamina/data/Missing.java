package dev.lamina.data;

import java.util.Set;

/** What counts as a missing cell in a table: empty, {@code NA}, {@code N/A}, {@code NaN}, {@code nan} or {@code ?}. */
final class Missing {
    private static final Set<String> TOKENS = Set.of("", "NA", "N/A", "NaN", "nan", "?");

    private Missing() {}

    static boolean is(String cell) {
        return cell == null || TOKENS.contains(cell.trim());
    }
}
