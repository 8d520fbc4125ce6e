package dev.lamina.cli;

import dev.lamina.data.Dataset;
import dev.lamina.tensor.Tensor;
import java.util.Locale;

/**
 * Names the likely cause of a diverged run from the data: features on very different scales.
 */
final class DataAdvice {
    private DataAdvice() {}

    /**
     * A sentence naming the widest and narrowest input columns when their ranges differ by more than
     * ten times or exceed 10 in magnitude, or null when the inputs look scaled.
     */
    static String scale(Dataset train) {
        int cols = train.x().cols();
        int wide = 0;
        int narrow = 0;
        double[] min = new double[cols];
        double[] max = new double[cols];
        for (int j = 0; j < cols; j++) {
            min[j] = Double.POSITIVE_INFINITY;
            max[j] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < train.rows(); i++) {
                double v = train.x().get(i, j);
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        for (int j = 0; j < cols; j++) {
            if (max[j] - min[j] > max[wide] - min[wide]) {
                wide = j;
            }
            if (max[j] - min[j] < max[narrow] - min[narrow]) {
                narrow = j;
            }
        }
        double wideRange = max[wide] - min[wide];
        double narrowRange = Math.max(max[narrow] - min[narrow], 1e-12);
        double magnitude = Math.max(Math.abs(max[wide]), Math.abs(min[wide]));
        if (wideRange / narrowRange <= 10 && magnitude <= 10) {
            return null;
        }
        return String.format(Locale.ROOT, "Column '%s' spans %s to %s while '%s' spans %s to %s: scale the inputs"
                        + " (--scale standard) or add BatchNormalization, or lower the learning rate.",
                train.featureNames().get(wide), num(min[wide]), num(max[wide]), train.featureNames().get(narrow),
                num(min[narrow]), num(max[narrow]));
    }

    /**
     * Advice to scale a regression target whose values sit far from the unit scale a network's last
     * layer starts at (a mean or spread beyond 10, as a year or a price): null where they do not.
     */
    static String scaleTarget(Tensor y, java.util.List<String> targets) {
        int cols = y.cols();
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            double squares = 0;
            int n = y.rows();
            for (int i = 0; i < n; i++) {
                double v = y.get(i, j);
                sum += v;
                squares += v * v;
            }
            double mean = sum / n;
            double std = Math.sqrt(Math.max(0, squares / n - mean * mean));
            if (Math.abs(mean) > 10 || std > 10) {
                return String.format(Locale.ROOT, "The target '%s' averages %s with a spread of %s, far from the"
                        + " scale a new network predicts at: --scale-target standard trains on it as z-scores and"
                        + " predicts in its own units.", targets.get(Math.min(j, targets.size() - 1)), num4(mean),
                        num4(std));
            }
        }
        return null;
    }

    private static String num4(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
