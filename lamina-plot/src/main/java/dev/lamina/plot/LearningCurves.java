package dev.lamina.plot;

import dev.lamina.callbacks.History;
import dev.lamina.util.Check;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * The learning curves of one run: loss and val_loss (when the run had validation data) against
 * the epoch, with a marker at the epoch of the lowest val_loss, written as PNG or SVG.
 *
 * <pre>{@code
 * History history = model.fit(x, y, options);
 * LearningCurves.of(history).title("red wine, Dropout(0.3)").yLabel("MAE").savePng(Path.of("curves.png"));
 * }</pre>
 *
 * <p>The y axis covers {@link YRange#covering the informative range} of this run unless a
 * {@link #yRange(YRange) range} is given: give runs that are compared the same one, e.g.
 * {@code YRange.covering(List.of(h1, h2), List.of("loss", "val_loss"))}. Epochs count from 1,
 * as the progress output counts them. Non-finite losses (a diverged run) are left out.
 */
public final class LearningCurves {
    private static final List<String> KEYS = List.of("loss", "val_loss");
    private final History history;
    private String title = "learning curves";
    private String yLabel = "loss";
    private YRange range;
    private int width = 720;
    private int height = 480;

    private LearningCurves(History history) {
        this.history = history;
    }

    /** The curves of {@code history}, which must hold a loss for at least one epoch. */
    public static LearningCurves of(History history) {
        Check.notNull(history, "LearningCurves", "history");
        Check.that(history.history().containsKey("loss") && !history.get("loss").isEmpty(), "LearningCurves needs a"
                + " History with at least one epoch of 'loss'; received one with keys " + history.history().keySet()
                + ". Plot after fit(...) has run an epoch.");
        return new LearningCurves(history);
    }

    /** The chart's title (default {@code learning curves}). */
    public LearningCurves title(String title) {
        this.title = Check.notNull(title, "LearningCurves", "title");
        return this;
    }

    /** The y axis' label, e.g. the loss' name {@code MAE} (default {@code loss}). */
    public LearningCurves yLabel(String yLabel) {
        this.yLabel = Check.notNull(yLabel, "LearningCurves", "yLabel");
        return this;
    }

    /** The y axis' range (default: the informative range of this run). */
    public LearningCurves yRange(YRange range) {
        this.range = Check.notNull(range, "LearningCurves", "range");
        return this;
    }

    /** The size in pixels (default 720 x 480). */
    public LearningCurves size(int width, int height) {
        Check.arg(width >= 100 && width <= 10_000, "LearningCurves", "width", width, "a number of pixels in [100, 10000]");
        Check.arg(height >= 100 && height <= 10_000, "LearningCurves", "height", height,
                "a number of pixels in [100, 10000]");
        this.width = width;
        this.height = height;
        return this;
    }

    /** The XChart chart, to show in a Swing panel or to style further. */
    public XYChart chart() {
        YRange r = range != null ? range : YRange.covering(List.of(history), KEYS);
        XYChart chart = ChartLook.chart(width, height, title, yLabel, r);
        ChartLook.line(chart, "loss", history.get("loss"));
        boolean validated = history.history().containsKey("val_loss");
        if (validated) {
            ChartLook.line(chart, "val_loss", history.get("val_loss"));
        }
        String watched = validated ? "val_loss" : "loss";
        List<Double> values = history.get(watched);
        int best = ChartLook.lowest(values);
        if (best >= 0) {
            ChartLook.best(chart, watched, best + 1, values.get(best), ChartLook.COLOURS[validated ? 1 : 0], true);
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
