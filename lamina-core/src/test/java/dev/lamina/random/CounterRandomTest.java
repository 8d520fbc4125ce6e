package dev.lamina.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CounterRandomTest {
    @Test
    void valuesArePureFunctionsOfSeedStreamAndCounter() {
        assertEquals(CounterRandom.bits(1, 2, 3), CounterRandom.bits(1, 2, 3));
        assertEquals(CounterRandom.bits(1, 2, 3), CounterRandom.bitsFromKey(CounterRandom.key(1, 2), 3));
        assertNotEquals(CounterRandom.bits(1, 2, 3), CounterRandom.bits(1, 2, 4));
        assertNotEquals(CounterRandom.bits(1, 2, 3), CounterRandom.bits(1, 3, 3));
        assertNotEquals(CounterRandom.bits(1, 2, 3), CounterRandom.bits(2, 2, 3));
        // Drawing in any order gives the same values: nothing is carried between draws.
        RandomStream s = new RandomStream(5, 6);
        long first = s.nextLong();
        long second = s.nextLong();
        s.seek(1);
        assertEquals(second, s.nextLong());
        s.seek(0);
        assertEquals(first, s.nextLong());
    }

    @Test
    void uniformAndNormalHaveTheRightMoments() {
        RandomStream s = new RandomStream(42, 0);
        int n = 400_000;
        double sum = 0;
        double sq = 0;
        double nsum = 0;
        double nsq = 0;
        for (int i = 0; i < n; i++) {
            double u = s.nextFloat();
            assertTrue(u >= 0 && u < 1);
            sum += u;
            sq += u * u;
            double z = s.nextGaussian();
            nsum += z;
            nsq += z * z;
        }
        assertEquals(0.5, sum / n, 0.003);
        assertEquals(1.0 / 12, sq / n - 0.25, 0.002);
        assertEquals(0, nsum / n, 0.006);
        assertEquals(1, nsq / n, 0.01);
    }

    @Test
    void nextIntIsUniformOverItsBound() {
        RandomStream s = new RandomStream(3, 0);
        int bound = 7;
        int[] counts = new int[bound];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            counts[s.nextInt(bound)]++;
        }
        double chi2 = 0;
        for (int c : counts) {
            chi2 += Math.pow(c - n / (double) bound, 2) / (n / (double) bound);
        }
        // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
        assertTrue(chi2 < 22.46, "chi2 " + chi2 + " counts " + Arrays.toString(counts));
    }

    @Test
    void shuffleIsAReproduciblePermutation() {
        int[] a = new int[1000];
        int[] b = new int[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
            b[i] = i;
        }
        new RandomStream(9, Streams.SHUFFLE).shuffle(a);
        new RandomStream(9, Streams.SHUFFLE).shuffle(b);
        assertArrayEquals(a, b);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        int fixed = 0;
        for (int i = 0; i < a.length; i++) {
            fixed += a[i] == i ? 1 : 0;
        }
        assertTrue(fixed < 10, "a shuffle of 1000 leaves about 1 element in place, left " + fixed);
        new RandomStream(9, Streams.SHUFFLE + 1).shuffle(b);
        assertFalse(Arrays.equals(a, b));
    }
}
