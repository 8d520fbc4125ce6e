package dev.lamina.openblas;

import dev.lamina.tensor.Backend;
import dev.lamina.tensor.Backends;
import dev.lamina.tensor.Transpose;

/**
 * Chooses a backend as an application would and multiplies [1 2] by [3 4]^T with it, for tests
 * that need a JVM started with another environment: prints the backend's name and the product, or
 * {@code refused:} and the reason, exiting with 3, when the backend named by the property cannot
 * start.
 */
final class ChooseBackendMain {
    private ChooseBackendMain() {}

    public static void main(String[] args) {
        Backend backend;
        try {
            backend = Backends.current();
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
            return;
        }
        float[] c = new float[1];
        backend.gemm(Transpose.NO, Transpose.YES, 1, 1, 2, 1f, new float[] {1, 2}, 2, new float[] {3, 4}, 2, 0f, c, 1);
        System.out.println(backend.name() + " " + c[0]);
    }
}
