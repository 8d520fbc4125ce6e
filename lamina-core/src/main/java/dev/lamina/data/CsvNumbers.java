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
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
