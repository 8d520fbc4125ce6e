package dev.lamina.cli;

import dev.lamina.callbacks.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Learning-curve charts with XChart, written as PNG and, beside it, SVG. Non-finite values (a
 * diverged run) are left out.
 */
final class Charts {
    private Charts() {}

    /** loss and val_loss of one run against the epoch, as {@code file} (PNG). */
    static void curves(History h, String title, String lossName, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(lossName).build();
        add(chart, "loss", h.epochs(), h.get("loss"));
        if (h.history().containsKey("val_loss")) {
            add(chart, "val_loss", h.epochs(), h.get("val_loss"));
        }
        save(chart, file);
    }

    /** val_loss of several runs on one chart. */
    static void overlay(List<String> names, List<History> histories, String lossName, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(420).title("val_loss by variant").xAxisTitle("epoch")
                .yAxisTitle(lossName).build();
        for (int i = 0; i < names.size(); i++) {
            add(chart, names.get(i), histories.get(i).epochs(), histories.get(i).get("val_loss"));
        }
        save(chart, file);
    }

    private static void add(XYChart chart, String name, List<Integer> epochs, List<Double> values) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (Double.isFinite(values.get(i)) && Math.abs(values.get(i)) < 1e12) {
                xs.add(epochs.get(i) + 1.0);
                ys.add(values.get(i));
            }
        }
        if (xs.isEmpty()) {
            xs.add(1.0);
            ys.add(0.0);
            name = name + " (no finite value)";
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        String base = file.toString();
        if (base.endsWith(".png")) {
            base = base.substring(0, base.length() - 4);
        }
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        org.knowm.xchart.VectorGraphicsEncoder.saveVectorGraphic(chart, base,
                org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}
