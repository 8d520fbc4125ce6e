package dev.lamina.io;

import java.io.IOException;

/**
 * A model or weights file that cannot be read: truncated, corrupted, hostile or from a newer
 * Lamina. The message says what is wrong and where (which member, which tensor, which offset), on
 * one line: line breaks in it (from a parser's message, say) become spaces, and it is cut at 2,000
 * characters, since part of it may come from the file.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public ModelFormatException(String message) {
        super(oneLine(message));
    }

    /** An error with its message and cause. */
    public ModelFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        String line = message.replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= 2000 ? line : line.substring(0, 2000) + "...";
    }
}
