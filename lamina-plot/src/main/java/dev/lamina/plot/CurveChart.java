package dev.lamina.plot;

import dev.lamina.util.Check;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;

/**
 * What Lamina's learning-curve charts share: a title, a y label, an optional {@link YRange}, a
 * size, and writing as PNG or SVG.
 *
 * @param <T> the chart type, which the setters return
 */
public abstract class CurveChart<T extends CurveChart<T>> {
    private String title;
    private String yLabel = "loss";
    private YRange range;
    private int width = 720;
    private int height;

    CurveChart(String title, int height) {
        this.title = title;
        this.height = height;
    }

    /** This chart, as its own type. */
    abstract T self();

    /** The XChart chart, to show in a Swing panel or to style further. */
    public abstract XYChart chart();

    /** The chart's title. */
    public T title(String title) {
        this.title = Check.notNull(title, getClass().getSimpleName(), "title");
        return self();
    }

    /** The y axis' label, e.g. the loss' name {@code MAE} (default {@code loss}). */
    public T yLabel(String yLabel) {
        this.yLabel = Check.notNull(yLabel, getClass().getSimpleName(), "yLabel");
        return self();
    }

    /** The y axis' range (default: the informative range of the curves shown). */
    public T yRange(YRange range) {
        this.range = Check.notNull(range, getClass().getSimpleName(), "range");
        return self();
    }

    /** The size in pixels. */
    public T size(int width, int height) {
        Check.arg(width >= 100 && width <= 10_000, getClass().getSimpleName(), "width", width,
                "a number of pixels in [100, 10000]");
        Check.arg(height >= 100 && height <= 10_000, getClass().getSimpleName(), "height", height,
                "a number of pixels in [100, 10000]");
        this.width = width;
        this.height = height;
        return self();
    }

    /** Writes the chart as a PNG image. */
    public void savePng(Path file) throws IOException {
        ChartLook.png(chart(), file);
    }

    /** Writes the chart as an SVG drawing. */
    public void saveSvg(Path file) throws IOException {
        ChartLook.svg(chart(), file);
    }

    /** An empty chart in the shared look, on the given range or else on {@code fallback}. */
    XYChart emptyChart(YRange fallback) {
        return ChartLook.chart(width, height, title, yLabel, range != null ? range : fallback);
    }

    /** Whether a range was given. */
    boolean hasRange() {
        return range != null;
    }
}
