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

    /**
     * Whether {@code cell} is present and a number (what a numeric column holds): plain, or formatted
     * with a currency sign, thousands commas or a percent sign ({@code $1,234.50}, {@code 12.5%}).
     */
    public static boolean isNumber(String cell) {
        return !Missing.is(cell) && CsvNumbers.plain(cell) != null;
    }
}
