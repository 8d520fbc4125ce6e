package dev.lamina.plot;

import dev.lamina.callbacks.History;
import dev.lamina.util.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The range of a learning-curve chart's y axis, shared by the charts of runs that are to be
 * compared, so that the same height means the same loss on each.
 *
 * <p>{@link #covering} chooses a range that shows what matters: from just below the lowest loss
 * up to twice the distance from it to the 90th percentile of the losses after each run's first
 * tenth of epochs. Early spikes (a val_loss of 18 in the first epochs of a run that settles at 0.5)
 * and divergent runs then go off the top of the chart instead of squashing the curves into a line
 * at the bottom; {@link #clipped()} says whether anything went off it.
 *
 * @param min the bottom of the axis
 * @param max the top of the axis, above {@code min}
 * @param clipped whether some values of the runs lie above {@code max}
 */
public record YRange(double min, double max, boolean clipped) {
    private static final double HUGE = 1e12;

    /** Checks that the range is finite and not empty. */
    public YRange {
        Check.that(Double.isFinite(min) && Double.isFinite(max) && max > min, "YRange needs finite bounds with"
                + " max > min, received [" + min + ", " + max + "].");
    }

    /** A fixed range; nothing is known to be clipped. */
    public static YRange of(double min, double max) {
        return new YRange(min, max, false);
    }

    /** The range that shows the {@code keys} (e.g. loss and val_loss) of all {@code runs}. */
    public static YRange covering(Collection<History> runs, List<String> keys) {
        List<Double> all = new ArrayList<>();
        List<Double> late = new ArrayList<>();
        for (History h : runs) {
            for (String key : keys) {
                List<Double> values = h.history().get(key);
                if (values == null) {
                    continue;
                }
                int skip = values.size() >= 10 ? values.size() / 10 : 0;
                for (int i = 0; i < values.size(); i++) {
                    double v = values.get(i);
                    if (Double.isFinite(v) && Math.abs(v) < HUGE) {
                        all.add(v);
                        if (i >= skip) {
                            late.add(v);
                        }
                    }
                }
            }
        }
        if (all.isEmpty()) {
            return of(0, 1);
        }
        double lowest = Collections.min(all);
        double highest = Collections.max(all);
        List<Double> body = late.isEmpty() ? all : late;
        Collections.sort(body);
        double p90 = body.get((int) Math.floor(0.9 * (body.size() - 1)));
        double top = Math.min(highest, lowest + 2 * (p90 - lowest));
        double span = top - lowest;
        if (!(span > 0)) {
            span = Math.max(Math.abs(lowest) * 0.1, 1e-3);
            top = lowest + span;
        }
        double pad = 0.05 * span;
        double bottom = lowest >= 0 ? Math.max(0, lowest - pad) : lowest - pad;
        return new YRange(bottom, top + pad, highest > top + pad);
    }
}
