package dev.lamina.data;

/**
 * A data file that cannot be used as asked: the message names the file, and the line and column
 * where there is one, and how to fix it.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public DataFormatException(String message) {
        super(message);
    }

    /** An error with its message and cause. */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
