package dev.lamina.io;

import java.io.IOException;

/**
 * A model or weights file that cannot be read: truncated, corrupted, hostile or from a newer
 * Lamina. The message says what is wrong and where (which member, which tensor, which offset).
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** An error with its message and cause. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
