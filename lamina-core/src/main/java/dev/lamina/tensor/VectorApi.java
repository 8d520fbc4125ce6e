package dev.lamina.tensor;

/**
 * Whether Lamina's Vector API kernels run in this JVM: it was started with
 * {@code --add-modules jdk.incubator.vector}, and {@code -Dlamina.scalar=true} (which forces the
 * plain-Java kernels, e.g. to compare them) is not set. The GEMM and the element loops that have a
 * vector version all choose by this, once, when first used.
 */
public final class VectorApi {
    private VectorApi() {}

    /** True when the vector kernels are to be used. */
    public static boolean enabled() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && !Boolean.getBoolean("lamina.scalar");
    }
}
