package dev.lamina.data;

import java.util.Set;

/** What counts as a missing cell in a table: empty, {@code NA}, {@code N/A}, {@code NaN}, {@code nan} or {@code ?}. */
final class Missing {
    /** The tokens, in a fixed order (the ONNX export maps each of them). */
    static final java.util.List<String> TOKENS = java.util.List.of("", "NA", "N/A", "NaN", "nan", "?");
    private static final Set<String> SET = Set.copyOf(TOKENS);

    private Missing() {}

    static boolean is(String cell) {
        return cell == null || SET.contains(cell.trim());
    }
}
