package dev.lamina.util;

import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Transpose;

/** Runs a few products and gives one warning of its own (run in a second JVM by {@link WarningsTest}). */
public final class WarningsMain {
    private WarningsMain() {}

    public static void main(String[] args) {
        float[] c = new float[4];
        for (int i = 0; i < 3; i++) {
            JavaBackend.INSTANCE.gemm(Transpose.NO, Transpose.NO, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 2,
                    new float[] {1, 0, 0, 1}, 2, 0f, c, 2);
        }
        Warnings.warn(WarningsMain.class, "a warning of the application's");
        System.out.println(c[3]);
    }
}
