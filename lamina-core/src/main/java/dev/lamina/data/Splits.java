package dev.lamina.data;

import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.util.Check;

/** Train/validation splits: random by row with a seed, or Keras' "last fraction" rule. */
public final class Splits {
    private Splits() {}

    /** The two parts of a split. */
    public record Split(Dataset train, Dataset validation) {}

    /**
     * A random split: {@code trainFraction} of the rows (rounded down) for training, chosen by a
     * seeded shuffle, the rest for validation (like pandas' {@code sample(frac, random_state)} then
     * {@code drop}).
     */
    public static Split random(Dataset d, double trainFraction, long seed) {
        int[][] rows = randomRows(d.rows(), trainFraction, seed);
        return new Split(d.select(rows[0]), d.select(rows[1]));
    }

    /** The row indices of {@link #random}'s two parts, for {@code n} rows: training first, then validation. */
    public static int[][] randomRows(int n, double trainFraction, long seed) {
        Check.arg(trainFraction > 0 && trainFraction < 1, "Splits.random", "trainFraction", trainFraction,
                "a number in (0, 1)");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new RandomStream(seed, Streams.SPLIT).shuffle(order);
        int nt = (int) Math.floor(n * trainFraction);
        Check.that(nt > 0 && nt < n, "A split of " + n + " rows at " + trainFraction + " leaves a part empty.");
        return new int[][] {java.util.Arrays.copyOfRange(order, 0, nt), java.util.Arrays.copyOfRange(order, nt, n)};
    }

    /** Keras' rule: the last {@code validationFraction} of the rows, in order, for validation. */
    public static Split lastFraction(Dataset d, double validationFraction) {
        int[][] rows = lastRows(d.rows(), validationFraction);
        return new Split(d.select(rows[0]), d.select(rows[1]));
    }

    /** The row indices of {@link #lastFraction}'s two parts, for {@code n} rows: training first, then validation. */
    public static int[][] lastRows(int n, double validationFraction) {
        Check.arg(validationFraction > 0 && validationFraction < 1, "Splits.lastFraction", "validationFraction",
                validationFraction, "a number in (0, 1)");
        int nt = (int) Math.floor(n * (1 - validationFraction));
        Check.that(nt > 0 && nt < n, "A split of " + n + " rows at " + validationFraction + " leaves a part empty.");
        int[] a = new int[nt];
        int[] b = new int[n - nt];
        for (int i = 0; i < n; i++) {
            if (i < nt) {
                a[i] = i;
            } else {
                b[i - nt] = i;
            }
        }
        return new int[][] {a, b};
    }
}
