package dev.lamina.util;

/**
 * Argument checks that produce Lamina's error messages: the owner, the argument, what was
 * expected, what was received, and (where one exists) a fix.
 *
 * <pre>Invalid value for argument 'rate' of Dropout: expected a number in [0, 1), received 1.5.</pre>
 */
public final class Check {
    private Check() {}

    /**
     * Throws {@link IllegalArgumentException} unless {@code ok}.
     *
     * @param ok the condition that must hold
     * @param owner the class or object the argument belongs to, e.g. {@code "Dense"}
     * @param argument the argument's name, e.g. {@code "units"}
     * @param received the value received
     * @param expected a phrase describing valid values, e.g. {@code "a positive integer"}
     */
    public static void arg(boolean ok, String owner, String argument, Object received, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(invalid(owner, argument, received, expected));
        }
    }

    /** The standard message for an invalid argument value. */
    public static String invalid(String owner, String argument, Object received, String expected) {
        return "Invalid value for argument '" + argument + "' of " + owner + ": expected " + expected
                + ", received " + received + ".";
    }

    /** Throws {@link IllegalArgumentException} with {@code message} unless {@code ok}. */
    public static void that(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Throws {@link IllegalStateException} with {@code message} unless {@code ok}. */
    public static void state(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** Returns {@code value} unless it is null, in which case it names the owner and argument. */
    public static <T> T notNull(T value, String owner, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "Argument '" + argument + "' of " + owner + " must not be null.");
        }
        return value;
    }
}
