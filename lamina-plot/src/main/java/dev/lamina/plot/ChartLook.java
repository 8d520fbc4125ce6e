package dev.lamina.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The look every Lamina chart shares, and the writing of charts as PNG and SVG. */
final class ChartLook {
    /** Colours of the series, in order: loss, val_loss, then further runs. */
    static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private ChartLook() {}

    /** An empty chart with the shared style. */
    static XYChart chart(int width, int height, String title, String yLabel, YRange range) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch")
                .yAxisTitle(range.clipped() ? yLabel + " (clipped above " + format(range.max()) + ")" : yLabel).build();
        XYStyler s = chart.getStyler();
        // Below the plot, so that no curve hides behind it.
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        s.setSeriesColors(COLOURS);
        chart.getStyler().setYAxisMin(range.min());
        chart.getStyler().setYAxisMax(range.max());
        chart.getStyler().setXAxisMin(1.0);
        return chart;
    }

    /**
     * A line of {@code values} against the epoch (counted from 1); non-finite values (a diverged
     * run) are left out, and a series with none says so in its name.
     */
    static XYSeries line(XYChart chart, String name, List<Double> values) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (Double.isFinite(v) && Math.abs(v) < 1e12) {
                xs.add(i + 1.0);
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            xs.add(1.0);
            ys.add(Double.NaN);
            name = name + " (no finite value)";
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(1.6f));
        return series;
    }

    /** The legend entry of a lowest value. */
    static String bestLabel(String what, int epoch, double value) {
        return "lowest " + what + " " + format(value) + " (epoch " + epoch + ")";
    }

    /**
     * A marker at the epoch (from 1) of the lowest value; with a legend entry of its own, or none
     * when the curve's entry already names it.
     */
    static void best(XYChart chart, String what, int epoch, double value, Color colour, boolean inLegend) {
        if (epoch < 1 || !Double.isFinite(value)) {
            return;
        }
        XYSeries marker = chart.addSeries(inLegend ? bestLabel(what, epoch, value) : "lowest of " + what,
                new double[] {epoch}, new double[] {value});
        marker.setMarker(SeriesMarkers.CIRCLE);
        marker.setMarkerColor(colour);
        marker.setLineStyle(new BasicStroke(0f));
        marker.setLineColor(new Color(0, 0, 0, 0));
        marker.setShowInLegend(inLegend);
    }

    /** The index of the lowest finite value, or -1 if there is none. */
    static int lowest(List<Double> values) {
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (Double.isFinite(v) && (best < 0 || v < values.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** Four significant digits, no trailing zeros, no exponent: 0.47, 0.4703, 18.25, 12345.7. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(Math.abs(v) >= 1e4 ? 6 : 4, RoundingMode.HALF_EVEN));
        return d.stripTrailingZeros().toPlainString();
    }

    static void png(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    static void svg(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
    }
}
