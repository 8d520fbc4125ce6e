package dev.lamina.data;

/**
 * Numbers as CSV files write them, and nothing else: an optional sign, digits with an optional
 * decimal point, and an optional exponent ({@code 12}, {@code -0.5}, {@code .5}, {@code 1e-3},
 * {@code 2.5E+10}). Java's own {@code Float.parseFloat} also takes {@code 1f}, {@code 2d},
 * {@code 0x1p3}, {@code Infinity} and surrounding blanks, which in a table are typos or text.
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
