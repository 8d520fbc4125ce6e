package dev.lamina.data;

/** What a cell of a table is, by the rules the readers and feature specs share. */
public final class Tables {
    private Tables() {}

    /** Whether {@code cell} is missing: empty, {@code NA}, {@code N/A}, {@code NaN}, {@code nan} or {@code ?}. */
    public static boolean isMissing(String cell) {
        return Missing.is(cell);
    }

    /** The cells that count as missing, as written ({@code "", NA, N/A, NaN, nan, ?}). */
    public static java.util.List<String> missingTokens() {
        return Missing.TOKENS;
    }

    /** Whether {@code cell} is present and a plain decimal number (what a numeric column holds). */
    public static boolean isNumber(String cell) {
        return !Missing.is(cell) && CsvNumbers.isPlainDecimal(cell.trim());
    }
}
