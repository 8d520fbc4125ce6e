package dev.lamina.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The vector and plain-Java ReLU backward loops agree bit for bit, special values included. */
class ReluGradientTest {
    @Test
    void vectorAndScalarAgreeOnEveryElement() {
        int n = 1043;
        float[] x = new float[n];
        float[] dy = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 9 == 0 ? Float.NaN : i % 10 == 0 ? -0f : i % 11 == 0 ? 0f : (float) Math.sin(i);
            dy[i] = i % 7 == 0 ? Float.POSITIVE_INFINITY : (float) Math.cos(i) * 3;
        }
        float[] v = new float[n];
        float[] s = new float[n];
        new VectorReluGradient().apply(x, dy, v, 1, n);
        ReluGradient.scalar(x, dy, s, 1, n);
        for (int i = 1; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(s[i]), Float.floatToRawIntBits(v[i]), "element " + i);
            assertEquals(x[i] > 0 ? dy[i] : 0f, v[i], "element " + i);
        }
        assertEquals(0f, v[0]);
    }
}
