package dev.lamina.metrics;

import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;

/**
 * Area under the ROC curve, approximated as Keras' {@code AUC} does: confusion counts at
 * {@code numThresholds} thresholds (default 200) evenly spaced in [0, 1] with the end points
 * moved to {@code -1e-7} and {@code 1 + 1e-7}; a prediction is positive when it exceeds a
 * threshold; the area is summed with the trapezoid rule. Targets are 0/1 and predictions are
 * probabilities; every column counts as a separate binary decision.
 */
public final class Auc implements Metric {
    private final String name;
    private final String owner;
    private final double[] thresholds;
    private final long[] tp;
    private final long[] fp;
    private final long[] tn;
    private final long[] fn;

    /**
     * @param name the log name
     * @param numThresholds more than 1 (Keras' default 200)
     */
    public Auc(String name, int numThresholds) {
        Check.arg(numThresholds > 1, "AUC", "num_thresholds", numThresholds, "an integer > 1");
        this.name = name;
        this.owner = "Metric '" + name + "'";
        thresholds = new double[numThresholds];
        for (int i = 1; i < numThresholds - 1; i++) {
            thresholds[i] = (double) i / (numThresholds - 1);
        }
        thresholds[0] = -1e-7;
        thresholds[numThresholds - 1] = 1 + 1e-7;
        tp = new long[numThresholds];
        fp = new long[numThresholds];
        tn = new long[numThresholds];
        fn = new long[numThresholds];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(tp, 0);
        java.util.Arrays.fill(fp, 0);
        java.util.Arrays.fill(tn, 0);
        java.util.Arrays.fill(fn, 0);
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        dev.lamina.losses.Loss.checkSameShape(owner, yTrue, yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        for (int i = 0; i < p.length; i++) {
            boolean positive = t[i] > 0.5f;
            for (int k = 0; k < thresholds.length; k++) {
                boolean predicted = p[i] > thresholds[k];
                if (positive) {
                    if (predicted) {
                        tp[k]++;
                    } else {
                        fn[k]++;
                    }
                } else if (predicted) {
                    fp[k]++;
                } else {
                    tn[k]++;
                }
            }
        }
    }

    @Override
    public double[] state() {
        int k = thresholds.length;
        double[] s = new double[4 * k];
        for (int i = 0; i < k; i++) {
            s[i] = tp[i];
            s[k + i] = fp[i];
            s[2 * k + i] = tn[i];
            s[3 * k + i] = fn[i];
        }
        return s;
    }

    @Override
    public void restore(double[] s) {
        int k = thresholds.length;
        for (int i = 0; i < k; i++) {
            tp[i] = (long) s[i];
            fp[i] = (long) s[k + i];
            tn[i] = (long) s[2 * k + i];
            fn[i] = (long) s[3 * k + i];
        }
    }

    @Override
    public double result() {
        double area = 0;
        for (int k = 0; k + 1 < thresholds.length; k++) {
            double x0 = ratio(fp[k], fp[k] + tn[k]);
            double x1 = ratio(fp[k + 1], fp[k + 1] + tn[k + 1]);
            double y0 = ratio(tp[k], tp[k] + fn[k]);
            double y1 = ratio(tp[k + 1], tp[k + 1] + fn[k + 1]);
            area += (x0 - x1) * (y0 + y1) / 2;
        }
        return area;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
