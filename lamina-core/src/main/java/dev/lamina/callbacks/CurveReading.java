package dev.lamina.callbacks;

import java.util.List;
import java.util.Locale;

/**
 * A reading of a run's learning curves (loss and val_loss per epoch), in words: did it diverge,
 * stall, overfit, underfit, or fit well; where val_loss was lowest; how far apart the curves end.
 *
 * <p>The rules, in order: any non-finite loss, a final loss ten times its minimum, or a loss or
 * val_loss anywhere a million times the lowest training loss (taken as at least 0.001: an explosion,
 * even if the network then collapsed to a constant) is <b>divergence</b>; a run of a single epoch has no
 * curve to read and is <b>too short</b>; a training loss that never fell by 1 % of its first value
 * is a <b>stall</b>;
 * val_loss ending more than 5 % above its minimum, reached well before the end (more than a tenth of
 * the run and at least 3 epochs earlier) and the mean over the last tenth of the run more than 10 %
 * above it, while the training loss kept falling, is <b>overfitting</b>;
 * val_loss still falling by more than 1 % over the last tenth of the run is <b>underfitting</b> (train
 * longer); anything else has <b>settled</b> (which says nothing of how low it settled: compare
 * {@code bestValLoss} across runs for that). The text starts with the verdict's {@link
 * Verdict#label() label}, so a table of labels and the texts never disagree.
 *
 * @param verdict the kind of run
 * @param bestEpoch the epoch of the lowest val_loss (of the loss without validation), counted from 1
 *     as the progress output and this reading's text count epochs ({@link History#epochs()} and
 *     {@link EarlyStopping#bestEpoch()} count from 0, as Keras' {@code history.epoch} and
 *     {@code best_epoch})
 * @param bestValLoss the lowest val_loss (NaN without validation)
 * @param finalLoss the last training loss
 * @param finalValLoss the last val_loss (NaN without validation)
 * @param text one or two sentences for a person
 */
public record CurveReading(Verdict verdict, int bestEpoch, double bestValLoss, double finalLoss, double finalValLoss,
                           String text) {
    /** The kinds of run. */
    public enum Verdict {
        /** The loss became NaN or infinite, or exploded. */
        DIVERGED("diverged"),
        /** One epoch: no curve to read yet. */
        TOO_SHORT("too short"),
        /** The training loss did not move. */
        STALLED("stalled"),
        /** val_loss rose after its minimum while the training loss kept falling. */
        OVERFITTING("overfitting"),
        /** val_loss was still falling at the end: train longer or give the model more capacity. */
        UNDERFITTING("underfitting"),
        /** val_loss settled near its minimum. */
        SETTLED("settled");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** The verdict in lower-case words, as tables and texts print it. */
        public String label() {
            return label;
        }
    }

    private static final double EXPLOSION = 1e6;

    /** The gap between the final validation and training losses. */
    public double gap() {
        return finalValLoss - finalLoss;
    }

    /** Reads {@code history} ({@code loss} and, if present, {@code val_loss}). */
    public static CurveReading of(History history) {
        List<Double> loss = history.get("loss");
        List<Double> val = history.history().get("val_loss");
        int n = loss.size();
        double finalLoss = loss.get(n - 1);
        double finalVal = val == null ? Double.NaN : val.get(val.size() - 1);
        List<Double> watched = val == null ? loss : val;
        int best = argmin(watched);
        double bestVal = val == null ? Double.NaN : val.get(best);
        double minLoss = loss.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).min().orElse(Double.NaN);
        boolean nonFinite = loss.stream().anyMatch(v -> !Double.isFinite(v))
                || (val != null && val.stream().anyMatch(v -> !Double.isFinite(v)));
        double maxSeen = Math.max(max(loss), val == null ? Double.NEGATIVE_INFINITY : max(val));
        if (nonFinite || finalLoss > 10 * minLoss || maxSeen > EXPLOSION * Math.max(Math.abs(minLoss), 1e-3)) {
            int at = firstBad(loss, minLoss);
            return new CurveReading(Verdict.DIVERGED, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                    "Diverged: the loss became %s at epoch %d. Scale the inputs, add BatchNormalization,"
                            + " or lower the learning rate.", describe(loss.get(at)), at + 1));
        }
        if (n == 1) {
            return new CurveReading(Verdict.TOO_SHORT, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                    "Too short: one epoch (loss %.4f%s) is a point, not a curve; train for more epochs to tell"
                            + " under- from overfitting.", finalLoss, val == null ? ""
                            : String.format(Locale.ROOT, ", val_loss %.4f", finalVal)));
        }
        if ((loss.get(0) - minLoss) < 0.01 * Math.abs(loss.get(0))) {
            String moved = finalLoss - loss.get(0) > 0.01 * Math.abs(loss.get(0)) ? String.format(Locale.ROOT,
                    "never fell below its first value (%.4f; %.4f at the end)", loss.get(0), finalLoss)
                    : String.format(Locale.ROOT, "stayed at %.4f from first to last epoch", finalLoss);
            return new CurveReading(Verdict.STALLED, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                    "Stalled: the loss %s, so the model learned nothing (often a collapse to a constant"
                            + " prediction). Scale the inputs or add BatchNormalization; check the learning rate.",
                    moved));
        }
        if (val == null) {
            return new CurveReading(Verdict.SETTLED, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                    "Settled: the loss fell from %.4f to %.4f; without validation data over- and underfitting cannot be"
                            + " told apart.", loss.get(0), finalLoss));
        }
        String gapNote = finalVal < finalLoss ? String.format(Locale.ROOT, " val_loss ends below loss (%.4f vs"
                + " %.4f): the training loss is a running mean over the epoch (and, with Dropout, measured with"
                + " units dropped), while val_loss is measured after the epoch with the whole network.", finalVal,
                finalLoss) : "";
        int margin = Math.max(3, n / 10);
        double tailMean = mean(val, n - margin, n);
        String noise = noise(val, n - margin - 1, n, tailMean);
        gapNote = gapNote + noise;
        if (best < n - 1 - margin && finalVal > bestVal * 1.05 && tailMean > bestVal * 1.10
                && finalLoss < loss.get(best)) {
            return new CurveReading(Verdict.OVERFITTING, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                    "Overfitting: val_loss was lowest at epoch %d (%.4f) and rose to %.4f while the training loss"
                            + " kept falling to %.4f. Regularize (Dropout, a smaller model) or stop early"
                            + " (EarlyStopping with restoreBestWeights).", best + 1, bestVal, finalVal, finalLoss) + gapNote);
        }
        int tail = Math.max(1, n / 10);
        double before = n > tail ? val.get(n - 1 - tail) : val.get(0);
        if (n > 1 && finalVal < before * 0.99 && best >= n - 1 - margin) {
            return new CurveReading(Verdict.UNDERFITTING, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                    "Underfitting: val_loss still fell from %.4f to %.4f over the last %s; train longer or"
                            + " give the model more capacity.", before, finalVal,
                    tail == 1 ? "epoch" : tail + " epochs") + gapNote);
        }
        return new CurveReading(Verdict.SETTLED, best + 1, bestVal, finalLoss, finalVal, String.format(Locale.ROOT,
                "Settled: val_loss stayed near its minimum of %.4f (epoch %d) and ends at %.4f, %s the"
                        + " training loss (%.4f).", bestVal, best + 1, finalVal, finalVal >= finalLoss ? "above"
                        : "below", finalLoss) + gapNote);
    }

    private static double mean(List<Double> v, int from, int to) {
        from = Math.max(0, from);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v.get(i);
        }
        return s / (to - from);
    }

    /**
     * A note when val_loss scatters around its trend by more than 5 % of its level at the end: the
     * root mean square of its distances from the least-squares line through epochs {@code from} to
     * {@code to}, so that a curve still falling steeply is not taken for noise. Needs four points.
     */
    private static String noise(List<Double> v, int from, int to, double level) {
        from = Math.max(0, from);
        int k = to - from;
        if (k < 4) {
            return "";
        }
        double meanX = (from + to - 1) / 2.0;
        double meanY = mean(v, from, to);
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            sxy += (i - meanX) * (v.get(i) - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        double slope = sxy / sxx;
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = v.get(i) - (meanY + slope * (i - meanX));
            s += d * d;
        }
        double scatter = Math.sqrt(s / (k - 2));
        if (scatter <= 0.05 * Math.abs(level)) {
            return "";
        }
        return String.format(Locale.ROOT, " val_loss scatters by about %.3g around its trend at the end, so judge"
                + " the trend rather than single epochs.", scatter);
    }

    private static int argmin(List<Double> v) {
        int best = 0;
        for (int i = 1; i < v.size(); i++) {
            if (Double.isFinite(v.get(i)) && (!Double.isFinite(v.get(best)) || v.get(i) < v.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    private static int firstBad(List<Double> loss, double min) {
        for (int i = 0; i < loss.size(); i++) {
            if (!Double.isFinite(loss.get(i)) || loss.get(i) > 10 * min || loss.get(i) > EXPLOSION * Math.max(Math.abs(min), 1e-3)) {
                return i;
            }
        }
        return loss.size() - 1;
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? "infinite" : String.format(Locale.ROOT, "%.4g", v);
    }
}
