package dev.lamina.util;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Lamina's warnings to its user, which must not vanish: they go through SLF4J (under the owner's
 * logger name) when the application has an SLF4J provider, and to standard error when it has none,
 * where SLF4J itself would drop them after its "no providers" notice.
 */
public final class Warnings {
    private static final Set<String> GIVEN = ConcurrentHashMap.newKeySet();

    private Warnings() {}

    /** Warns {@code message} on behalf of {@code owner}. */
    public static void warn(Class<?> owner, String message) {
        if (hasProvider()) {
            LoggerFactory.getLogger(owner).warn(message);
        } else {
            System.err.println("WARN " + owner.getName() + " - " + message);
        }
    }

    /** {@link #warn} the first time it is called with {@code key} in this JVM, and then never again. */
    public static void once(String key, Class<?> owner, String message) {
        if (GIVEN.add(key)) {
            warn(owner, message);
        }
    }

    /** Whether SLF4J found a provider, rather than falling back to its no-operation loggers. */
    static boolean hasProvider() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return !(factory instanceof NOPLoggerFactory);
    }
}
