package dev.lamina.data;

/**
 * Numbers as CSV files write them, and nothing else: an optional sign, digits with an optional
 * decimal point, and an optional exponent ({@code 12}, {@code -0.5}, {@code .5}, {@code 1e-3},
 * {@code 2.5E+10}). Java's own {@code Float.parseFloat} also takes {@code 1f}, {@code 2d},
 * {@code 0x1p3}, {@code Infinity} and surrounding blanks, which in a table are typos or text.
 *
 * <p>Semicolon-separated files, as spreadsheet programs write them where the comma is the decimal
 * mark, are read through {@link #withDecimalPoint}.
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

    /**
     * {@code cell} with a decimal comma written as a point, where it is a number in the comma-decimal
     * form: {@code 9,60} → {@code 9.60}, {@code -0,5e3} → {@code -0.5e3}, and with the point as the
     * thousands separator {@code 1.234,5} → {@code 1234.5}. Any other cell is returned as it is
     * ({@code 1.234} included, which could be either).
     */
    static String withDecimalPoint(String cell) {
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
