package dev.lamina.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Chooses the {@link Backend}: the one named by the system property {@code lamina.backend} if set,
 * else the available one with the highest priority, else the built-in {@link JavaBackend}.
 */
public final class Backends {
    /** The system property that names a backend, e.g. {@code -Dlamina.backend=java}. */
    public static final String PROPERTY = "lamina.backend";

    private static volatile Backend current;

    private Backends() {}

    /** The backend in use (chosen once, on first use). */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) {
                    current = choose(System.getProperty(PROPERTY));
                }
                b = current;
            }
        }
        return b;
    }

    /** Replaces the backend in use, e.g. in tests or benchmarks. */
    public static void use(Backend backend) {
        current = backend;
    }

    /** All backends that can be found, the built-in one first. */
    public static List<Backend> available() {
        List<Backend> all = new ArrayList<>();
        all.add(JavaBackend.INSTANCE);
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (!b.name().equals(JavaBackend.INSTANCE.name())) {
                all.add(b);
            }
        }
        return all;
    }

    static Backend choose(String wanted) {
        List<Backend> all = available();
        if (wanted != null && !wanted.isBlank()) {
            for (Backend b : all) {
                if (b.name().equals(wanted.trim())) {
                    return b;
                }
            }
            List<String> names = all.stream().map(Backend::name).toList();
            throw new IllegalStateException("Backend '" + wanted + "' named by -D" + PROPERTY
                    + " is not available; available: " + names + ". Add its module to the classpath"
                    + " or choose one of those.");
        }
        Backend best = all.get(0);
        for (Backend b : all) {
            if (b.priority() > best.priority()) {
                best = b;
            }
        }
        return best;
    }
}
