package dev.lamina.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Through a dropout mask: the same bits as the dropout's backward pass ({@code keep ? dy /
     * keepProb : 0}) followed by this one, for both loops, with special values on either side.
     */
    @Test
    void throughAMaskIsTheDropoutPassThenThisOne() {
        int n = 1043;
        float keepProb = 0.7f;
        float[] x = new float[n];
        float[] dy = new float[n];
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 9 == 0 ? Float.NaN : i % 10 == 0 ? -0f : i % 11 == 0 ? 0f : (float) Math.sin(i);
            dy[i] = i % 7 == 0 ? Float.POSITIVE_INFINITY : i % 13 == 0 ? Float.NaN : i % 17 == 0 ? -0f
                    : (float) Math.cos(i) * 3;
            keep[i] = i % 3 != 0;
        }
        float[] dropped = new float[n];
        for (int i = 0; i < n; i++) {
            dropped[i] = keep[i] ? dy[i] / keepProb : 0f;
        }
        float[] expected = new float[n];
        ReluGradient.scalar(x, dropped, expected, 0, n);
        float[] v = new float[n];
        float[] s = new float[n];
        new VectorReluGradient().applyThroughMask(x, dy, keep, keepProb, v, 1, n);
        new ScalarReluGradient().applyThroughMask(x, dy, keep, keepProb, s, 1, n);
        int kept = 0;
        for (int i = 1; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(v[i]), "vector, element " + i);
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(s[i]), "scalar, element " + i);
            kept += v[i] != 0f ? 1 : 0;
        }
        assertEquals(0f, v[0]);
        assertTrue(kept > n / 4, "kept elements with a nonzero gradient: " + kept);
    }
}
