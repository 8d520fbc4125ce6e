package dev.lamina.plot;

import dev.lamina.callbacks.History;
import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * One curve of several runs on one chart, val_loss by default: the chart that shows whether
 * Dropout or BatchNormalization helped. Each run gets a marker at its lowest value.
 *
 * <pre>{@code
 * CurveComparison.of("val_loss").add("baseline", h1).add("dropout", h2).yLabel("MAE")
 *     .savePng(Path.of("val_loss.png"));
 * }</pre>
 */
public final class CurveComparison extends CurveChart<CurveComparison> {
    private final String key;
    private final Map<String, History> runs = new LinkedHashMap<>();

    private CurveComparison(String key) {
        super(key + " by run", 540);
        this.key = key;
    }

    /** A comparison of the runs' {@code key} curve, e.g. {@code val_loss} or {@code loss}. */
    public static CurveComparison of(String key) {
        return new CurveComparison(Check.notNull(key, "CurveComparison", "key"));
    }

    /** Adds a run under a name of its own. */
    public CurveComparison add(String name, History history) {
        Check.notNull(history, "CurveComparison", "history");
        Check.that(!runs.containsKey(name), "CurveComparison already has a run named '" + name + "'.");
        Check.that(history.history().containsKey(key), "CurveComparison of '" + key + "': run '" + name + "' has no"
                + " such curve; its keys are " + history.history().keySet() + ".");
        runs.put(name, history);
        return this;
    }

    @Override
    CurveComparison self() {
        return this;
    }

    /** {@inheritDoc} Default size 720 x 540, title {@code <key> by run}. */
    @Override
    public XYChart chart() {
        Check.state(!runs.isEmpty(), "CurveComparison has no runs: add(name, history) first.");
        XYChart chart = emptyChart(hasRange() ? null : YRange.covering(runs.values(), List.of(key)));
        // Each run's entry names its lowest value, which a marker of the run's colour shows.
        for (Map.Entry<String, History> run : runs.entrySet()) {
            List<Double> values = run.getValue().get(key);
            int best = ChartLook.lowest(values);
            String name = best < 0 ? run.getKey() : run.getKey() + ": " + ChartLook.bestLabel(key, best + 1,
                    values.get(best));
            ChartLook.line(chart, name, values);
        }
        int i = 0;
        for (Map.Entry<String, History> run : runs.entrySet()) {
            List<Double> values = run.getValue().get(key);
            int best = ChartLook.lowest(values);
            if (best >= 0) {
                ChartLook.best(chart, run.getKey(), best + 1, values.get(best),
                        ChartLook.COLOURS[i % ChartLook.COLOURS.length], false);
            }
            i++;
        }
        return chart;
    }
}
