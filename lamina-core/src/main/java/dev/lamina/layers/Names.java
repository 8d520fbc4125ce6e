package dev.lamina.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Automatic layer names as Keras makes them: the first Dense is {@code dense}, then
 * {@code dense_1}, {@code dense_2}, ... per process, until {@link #reset()} (Keras' {@code clear_session}).
 */
public final class Names {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private Names() {}

    /** The next unique name with prefix {@code prefix}. */
    public static synchronized String unique(String prefix) {
        int n = COUNTS.merge(prefix, 1, Integer::sum) - 1;
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** Starts the counts again (names are then reused). */
    public static synchronized void reset() {
        COUNTS.clear();
    }

    /** Keras' snake case of a class name: {@code BatchNormalization} becomes {@code batch_normalization}. */
    public static String snake(String className) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char ch = className.charAt(i);
            if (Character.isUpperCase(ch)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(className.charAt(i - 1));
                boolean nextLower = i + 1 < className.length() && Character.isLowerCase(className.charAt(i + 1));
                if (i > 0 && (prevLower || nextLower)) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
