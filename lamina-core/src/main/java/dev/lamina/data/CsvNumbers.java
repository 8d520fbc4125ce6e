package dev.lamina.data;

/**
 * Numbers as CSV files write them, and nothing else: an optional sign, digits with an optional
 * decimal point, and an optional exponent ({@code 12}, {@code -0.5}, {@code .5}, {@code 1e-3},
 * {@code 2.5E+10}). Java's own {@code Float.parseFloat} also takes {@code 1f}, {@code 2d},
 * {@code 0x1p3}, {@code Infinity} and surrounding blanks, which in a table are typos or text.
 *
 * <p>Semicolon-separated files, as spreadsheet programs write them where the comma is the decimal
 * mark, are read through {@link #withDecimalPoint}.
 *
 * <p>Numbers as spreadsheets format them for people are numbers too ({@link #plain}): a currency
 * sign before or after ({@code $1,234.50}, {@code -€3}, {@code 12 £}), commas between groups of
 * three digits ({@code 12,345,678}), a percent sign after ({@code 12.5%}, read as 12.5, the number
 * written). A comma that does not separate groups of three ({@code 1,5}) keeps a cell text.
 */
final class CsvNumbers {
    private CsvNumbers() {}

    /** Whether {@code s} is a plain decimal number. */
    static boolean isPlainDecimal(String s) {
        int n = s.length();
        int i = skipSign(s, 0);
        int end = skipDigits(s, i);
        int digits = end - i;
        i = end;
        if (i < n && s.charAt(i) == '.') {
            end = skipDigits(s, i + 1);
            digits += end - i - 1;
            i = end;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int start = skipSign(s, i + 1);
            i = skipDigits(s, start);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    /** The currency signs read before or after a number. */
    private static final String CURRENCIES = "$€£¥₹";

    /**
     * {@code cell} as a plain decimal (trimmed), where it is a plain or a formatted number
     * ({@code $1,234.50} → {@code 1234.50}, {@code 12.5%} → {@code 12.5}); null where it is not a number.
     */
    static String plain(String cell) {
        String t = cell.trim();
        if (isPlainDecimal(t)) {
            return t;
        }
        return formatted(t);
    }

    /** The plain decimal that a formatted number {@code t} stands for, or null. */
    private static String formatted(String t) {
        int n = t.length();
        int i = 0;
        String sign = "";
        boolean decorated = false;
        if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            sign = t.charAt(i) == '-' ? "-" : "";
            i++;
        }
        if (i < n && CURRENCIES.indexOf(t.charAt(i)) >= 0) {
            decorated = true;
            i = skipSpaces(t, i + 1);
            if (sign.isEmpty() && i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
                sign = t.charAt(i) == '-' ? "-" : "";
                i++;
            }
        }
        StringBuilder digits = new StringBuilder(sign);
        int start = i;
        i = skipDigits(t, i);
        if (i == start) {
            return null;
        }
        digits.append(t, start, i);
        if (i < n && t.charAt(i) == ',') {
            if (i - start > 3) {
                return null;
            }
            while (i < n && t.charAt(i) == ',') {
                int next = skipDigits(t, i + 1);
                if (next - i - 1 != 3) {
                    return null;
                }
                digits.append(t, i + 1, next);
                i = next;
            }
            decorated = true;
        }
        if (i < n && t.charAt(i) == '.') {
            int next = skipDigits(t, i + 1);
            digits.append(t, i, next);
            i = next;
        }
        i = skipSpaces(t, i);
        if (i < n && (t.charAt(i) == '%' || CURRENCIES.indexOf(t.charAt(i)) >= 0)) {
            decorated = true;
            i++;
        }
        return decorated && i == n && isPlainDecimal(digits.toString()) ? digits.toString() : null;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * {@code cell} with a decimal comma written as a point, where it is a number in the comma-decimal
     * form: {@code 9,60} → {@code 9.60}, {@code -0,5e3} → {@code -0.5e3}, and with the point as the
     * thousands separator {@code 1.234,5} → {@code 1234.5}, also inside a formatted number
     * ({@code € 1.234,50} → {@code € 1234.50}, which {@link #plain} reads). Any other cell is returned
     * as it is ({@code 1.234} included, which could be either).
     */
    static String withDecimalPoint(String cell) {
        String converted = commaToPoint(cell);
        if (!converted.equals(cell)) {
            return converted;
        }
        // A formatted number around the digits ("€ 1.234,50", "12,5 %"): convert the digits, keep the rest.
        int first = 0;
        while (first < cell.length() && !isDigit(cell.charAt(first))) {
            first++;
        }
        int last = cell.length() - 1;
        while (last > first && !isDigit(cell.charAt(last))) {
            last--;
        }
        if (first >= cell.length() || first == 0 && last == cell.length() - 1) {
            return cell;
        }
        String formatted = cell.substring(0, first) + commaToPoint(cell.substring(first, last + 1))
                + cell.substring(last + 1);
        return !formatted.equals(cell) && formatted(formatted.trim()) != null ? formatted : cell;
    }

    /** {@link #withDecimalPoint} for a cell that is the number alone: {@code cell} itself where it does not apply. */
    private static String commaToPoint(String cell) {
        int comma = cell.indexOf(',');
        if (comma < 0 || cell.indexOf(',', comma + 1) >= 0) {
            return cell;
        }
        if (cell.indexOf('.') < 0) {
            String point = cell.substring(0, comma) + '.' + cell.substring(comma + 1);
            return isPlainDecimal(point) ? point : cell;
        }
        // Points before the comma, one before every three digits: thousands separators.
        int start = skipSign(cell, 0);
        int i = skipDigits(cell, start);
        if (i == start || i - start > 3) {
            return cell;
        }
        while (i < comma && cell.charAt(i) == '.') {
            int next = skipDigits(cell, i + 1);
            if (next - i - 1 != 3) {
                return cell;
            }
            i = next;
        }
        if (i != comma) {
            return cell;
        }
        String plain = cell.substring(0, comma).replace(".", "") + '.' + cell.substring(comma + 1);
        return isPlainDecimal(plain) ? plain : cell;
    }

    /** The index after an optional sign at {@code i}. */
    private static int skipSign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    /** The index after the run of digits starting at {@code i}. */
    private static int skipDigits(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
