package dev.lamina.layers.regularization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.random.CounterRandom;
import org.junit.jupiter.api.Test;

/** The Vector API and plain-Java dropout loops agree bit for bit with the generator's definition. */
class DropoutKernelsTest {
    private static final float[] RATES = {0f, 1e-7f, 0.1f, 0.3f, 0.5f, 0.9999999f, 1f};

    @Test
    void masksMatchUniformFloatAtLeastRateForEveryRangeAndRate() {
        DropoutKernels vector = new VectorDropoutKernels();
        DropoutKernels scalar = new ScalarDropoutKernels();
        long key = CounterRandom.key(42, 7);
        for (float rate : RATES) {
            long threshold = DropoutKernels.threshold(rate);
            for (int[] range : new int[][] {{0, 0}, {0, 1}, {3, 20}, {5, 1029}, {0, 4099}}) {
                int from = range[0];
                int to = range[1];
                boolean[] v = new boolean[to + 3];
                boolean[] s = new boolean[to + 3];
                boolean[] expected = new boolean[to + 3];
                for (int i = from; i < to; i++) {
                    expected[i] = CounterRandom.uniformFloat(key, 1000 + i) >= rate;
                }
                vector.keepMask(key, 1000, threshold, v, from, to);
                scalar.keepMask(key, 1000, threshold, s, from, to);
                assertArrayEquals(expected, v, "vector, rate " + rate + ", range " + from + ".." + to);
                assertArrayEquals(expected, s, "scalar, rate " + rate + ", range " + from + ".." + to);
            }
        }
    }

    @Test
    void keptFractionIsOneMinusRate() {
        boolean[] keep = new boolean[200_000];
        new VectorDropoutKernels().keepMask(CounterRandom.key(1, 2), 0, DropoutKernels.threshold(0.3f), keep, 0,
                keep.length);
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        // Binomial standard deviation is about 205 here; allow 5 of them.
        assertEquals(0.7 * keep.length, kept, 1025);
    }

    @Test
    void scalingAgreesBitForBitIncludingSpecialValues() {
        int n = 1037;
        float[] x = new float[n];
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 7 == 0) ? Float.NaN : (i % 11 == 0) ? Float.NEGATIVE_INFINITY : (i % 13 == 0) ? -0f
                    : (float) Math.sin(i) * 1e30f;
            keep[i] = (i * 2654435761L & 4) != 0;
        }
        float[] v = new float[n];
        float[] s = new float[n];
        new VectorDropoutKernels().scaleKept(keep, x, v, 0.7f, 2, n);
        new ScalarDropoutKernels().scaleKept(keep, x, s, 0.7f, 2, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(s[i]), Float.floatToRawIntBits(v[i]), "element " + i);
            if (i >= 2) {
                assertEquals(Float.floatToRawIntBits(keep[i] ? x[i] / 0.7f : 0f), Float.floatToRawIntBits(v[i]));
            }
        }
    }
}
