package dev.lamina.tensor;

import dev.lamina.util.Warnings;

/**
 * Whether Lamina's Vector API kernels run in this JVM: it was started with
 * {@code --add-modules jdk.incubator.vector}, and {@code -Dlamina.scalar=true} (which forces the
 * plain-Java kernels, e.g. to compare them) is not set. The GEMM and the element loops that have a
 * vector version all choose by this, once, when first used.
 */
public final class VectorApi {
    private VectorApi() {}

    /** The JVM option that adds the module. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";

    /** True when the vector kernels are to be used; warns once when the module is missing. */
    public static boolean enabled() {
        if (Boolean.getBoolean("lamina.scalar")) {
            return false;
        }
        boolean present = modulePresent();
        if (!present) {
            warnIfAbsent();
        }
        return present;
    }

    /**
     * The vector version of a set of loops where {@link #enabled()}, else (or if it fails to link)
     * the plain one. Pass the vector version as a lambda, {@code () -> new VectorThing()}, not a
     * constructor reference: a lambda's body, and so the vector class, is linked only when this
     * calls it, so a JVM without the module never resolves the vector classes.
     */
    public static <T> T choose(java.util.function.Supplier<T> vector, java.util.function.Supplier<T> plain) {
        if (enabled()) {
            try {
                return vector.get();
            } catch (LinkageError e) {
                return plain.get();
            }
        }
        return plain.get();
    }

    /** Whether the JVM was started with the Vector API module. */
    public static boolean modulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Warns, once per JVM, that the module is missing (unless {@code -Dlamina.scalar=true} asked for
     * the plain-Java kernels): training then runs on them, about 10 to 20 times slower, and nothing
     * else would say so.
     */
    static void warnIfAbsent() {
        if (!modulePresent() && !Boolean.getBoolean("lamina.scalar")) {
            Warnings.once("vector-api", VectorApi.class, "The JVM runs without the Vector API module, so Lamina"
                    + " uses its plain-Java kernels and trains about 10 to 20 times slower. Start the JVM with "
                    + FLAG + " (Maven Surefire and exec: in argLine / exec args; Gradle: jvmArgs; see Lamina's"
                    + " README).");
        }
    }
}
