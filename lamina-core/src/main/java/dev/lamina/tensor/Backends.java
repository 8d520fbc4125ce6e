package dev.lamina.tensor;

import dev.lamina.util.Warnings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the {@link Backend}: the one named by the system property {@code lamina.backend} if set,
 * else the available one with the highest priority, else the built-in {@link JavaBackend}.
 *
 * <p>A backend found on the classpath whose constructor refuses to start (its native library
 * cannot run on this machine, say) is not available: the default choice passes over it with a
 * warning that gives its reason, and naming it in {@code lamina.backend} fails with that reason.
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

    /** All backends that can be found and started, the built-in one first. */
    public static List<Backend> available() {
        return find().backends();
    }

    static Backend choose(String wanted) {
        Found found = find();
        List<Backend> all = found.backends();
        if (wanted != null && !wanted.isBlank()) {
            for (Backend b : all) {
                if (b.name().equals(wanted.trim())) {
                    return b;
                }
            }
            List<String> names = all.stream().map(Backend::name).toList();
            throw new IllegalStateException("Backend '" + wanted + "' named by -D" + PROPERTY
                    + " is not available; available: " + names + ". "
                    + (found.refusals().isEmpty() ? "Add its module to the classpath or choose one of those."
                            : String.join(" ", found.refusals())));
        }
        Backend best = all.get(0);
        for (Backend b : all) {
            if (b.priority() > best.priority()) {
                best = b;
            }
        }
        for (String refusal : found.refusals()) {
            Warnings.once(refusal, Backends.class, refusal + " Using the '" + best.name() + "' backend.");
        }
        return best;
    }

    /** The backends that started, the built-in one first, and why the others did not. */
    private static Found find() {
        List<Backend> all = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        all.add(JavaBackend.INSTANCE);
        for (ServiceLoader.Provider<Backend> provider : ServiceLoader.load(Backend.class).stream().toList()) {
            Backend b;
            try {
                b = provider.get();
            } catch (ServiceConfigurationError e) {
                Throwable why = e.getCause() != null ? e.getCause() : e;
                refusals.add(provider.type().getSimpleName() + " did not start: " + why.getMessage());
                continue;
            }
            if (!b.name().equals(JavaBackend.INSTANCE.name())) {
                all.add(b);
            }
        }
        return new Found(all, refusals);
    }

    private record Found(List<Backend> backends, List<String> refusals) {}
}
