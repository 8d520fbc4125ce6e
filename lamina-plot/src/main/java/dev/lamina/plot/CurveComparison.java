package dev.lamina.plot;

import dev.lamina.callbacks.History;
import dev.lamina.util.Check;
import java.io.IOException;
import java.nio.file.Path;
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
public final class CurveComparison {
    private final String key;
    private final Map<String, History> runs = new LinkedHashMap<>();
    private String title;
    private String yLabel = "loss";
    private YRange range;
    private int width = 720;
    private int height = 540;

    private CurveComparison(String key) {
        this.key = key;
        this.title = key + " by run";
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

    /** The chart's title (default {@code <key> by run}). */
    public CurveComparison title(String title) {
        this.title = Check.notNull(title, "CurveComparison", "title");
        return this;
    }

    /** The y axis' label (default {@code loss}). */
    public CurveComparison yLabel(String yLabel) {
        this.yLabel = Check.notNull(yLabel, "CurveComparison", "yLabel");
        return this;
    }

    /** The y axis' range (default: the informative range of all runs' curves). */
    public CurveComparison yRange(YRange range) {
        this.range = Check.notNull(range, "CurveComparison", "range");
        return this;
    }

    /** The size in pixels (default 720 x 540). */
    public CurveComparison size(int width, int height) {
        Check.arg(width >= 100 && width <= 10_000, "CurveComparison", "width", width, "a number of pixels in [100, 10000]");
        Check.arg(height >= 100 && height <= 10_000, "CurveComparison", "height", height,
                "a number of pixels in [100, 10000]");
        this.width = width;
        this.height = height;
        return this;
    }

    /** The XChart chart. */
    public XYChart chart() {
        Check.state(!runs.isEmpty(), "CurveComparison has no runs: add(name, history) first.");
        YRange r = range != null ? range : YRange.covering(runs.values(), List.of(key));
        XYChart chart = ChartLook.chart(width, height, title, yLabel, r);
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

    /** Writes the chart as a PNG image. */
    public void savePng(Path file) throws IOException {
        ChartLook.png(chart(), file);
    }

    /** Writes the chart as an SVG drawing. */
    public void saveSvg(Path file) throws IOException {
        ChartLook.svg(chart(), file);
    }
}
