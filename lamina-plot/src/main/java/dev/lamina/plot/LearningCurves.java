package dev.lamina.plot;

import dev.lamina.callbacks.History;
import dev.lamina.util.Check;
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
public final class LearningCurves extends CurveChart<LearningCurves> {
    private static final List<String> KEYS = List.of("loss", "val_loss");
    private final History history;

    private LearningCurves(History history) {
        super("learning curves", 480);
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

    @Override
    LearningCurves self() {
        return this;
    }

    /** {@inheritDoc} Default size 720 x 480, title {@code learning curves}. */
    @Override
    public XYChart chart() {
        XYChart chart = emptyChart(hasRange() ? null : YRange.covering(List.of(history), KEYS));
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
}
