package dev.lamina.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (images inlined as data URIs, no script, no
 * network) with the learning curves, the table, the reading of the curves, the model summaries,
 * the calibration against Keras and the data set's provenance.
 */
final class Report {
    private Report() {}

    static void write(Path file, Demo.Settings s, List<DemoRun> runs, List<Path> charts, String table,
                      String reading) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Lamina demo: ")
                .append(esc(s.data().id)).append("</title>\n<style>\nbody{font-family:sans-serif;max-width:60rem;"
                        + "margin:2rem auto;padding:0 1rem;color:#222}\npre{background:#f6f6f6;padding:.6rem;"
                        + "overflow-x:auto;font-size:.8rem}\nimg{max-width:100%}\ntable{border-collapse:collapse}"
                        + "\ntd,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}\n</style></head><body>\n");
        h.append("<h1>Dropout and Batch Normalization: ").append(esc(s.data().id)).append("</h1>\n");
        h.append("<p id=\"settings\">").append(s.epochs()).append(" epochs per variant, ").append(s.units())
                .append(" units per hidden layer, seed ").append(s.seed()).append(s.lessonSplit()
                        ? ", the lesson's 70/30 split of the unscaled data.</p>\n"
                        : ", a seeded 70/30 split of the unscaled data.</p>\n");
        h.append("<h2>Reading the curves</h2>\n<p id=\"reading\">").append(esc(reading)).append("</p>\n");
        h.append("<h2>Results</h2>\n<pre id=\"table\">").append(esc(table)).append("</pre>\n");
        h.append("<h2>Learning curves</h2>\n");
        for (Path c : charts) {
            h.append("<figure><img alt=\"").append(esc(c.getFileName().toString())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(c))).append("\"><figcaption>")
                    .append(esc(c.getFileName().toString())).append("</figcaption></figure>\n");
        }
        h.append("<h2>Calibration against Keras 3.15.1</h2>\n<p>").append(esc(calibration(s))).append("</p>\n");
        h.append(comparison(s, runs));
        h.append("<h2>Models</h2>\n");
        for (DemoRun r : runs) {
            h.append("<h3>").append(esc(r.variant().name())).append("</h3>\n<pre>").append(esc(r.summary()))
                    .append("</pre>\n");
        }
        h.append("<h2>Data</h2>\n<pre id=\"provenance\">").append(esc(BundledData.provenance())).append("</pre>\n");
        h.append("</body></html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    /** Where the Keras figures come from: 11 runs with the lesson's settings. */
    private static final String KERAS_RUNS = "Keras 3.15.1, 11 runs with the lesson's settings and split: 3 seeds on"
            + " TensorFlow and 8 on JAX (tools/reference/keras_lesson_runs.py and its output beside it)";

    static String calibration(Demo.Settings s) {
        if (s.data() == BundledData.CONCRETE) {
            return KERAS_RUNS + " (SGD, MAE, 512 units, batch 64, 100 epochs, unscaled inputs): without"
                    + " BatchNormalization NaN, NaN and a collapse to a constant (24.9); with it a lowest validation MAE"
                    + " of 3.60 to 4.16 (the lesson printed 4.1072). Lamina's figures above should fall in the same"
                    + " places: divergence or a stall without BN, about 4 with it.";
        }
        return KERAS_RUNS + " (1024 units, Adam, MAE, batch 256, 100 epochs, unscaled inputs), lowest validation MAE:"
                + " baseline 0.486 to 0.496, BatchNormalization 0.487 to 0.521, Dropout and BatchNormalization 0.537 to"
                + " 0.571 (its final val_loss below its training loss in 10 of the 11 runs, about 0.6 against 0.7),"
                + " Dropout alone 0.646 to 0.803 between epochs 5 and 16, then rising and unstable without BN. With"
                + " other epochs or units than those the figures above are not directly comparable.";
    }

    /** Keras 3.15.1's lowest validation MAE over its 11 runs with the lesson's settings, per variant. */
    private static final java.util.Map<String, double[]> KERAS = java.util.Map.of(
            "baseline", new double[] {0.486, 0.496}, "batchnorm", new double[] {0.487, 0.521},
            "dropout+batchnorm", new double[] {0.537, 0.571}, "dropout", new double[] {0.646, 0.803},
            "sgd+batchnorm", new double[] {3.60, 4.16});

    /** A table of Lamina's lowest val_loss next to Keras' range, with the difference in words. */
    static String comparison(Demo.Settings s, List<DemoRun> runs) {
        boolean lessonSettings = s.epochs() == 100 && s.units() == (s.data() == BundledData.CONCRETE ? 512 : 1024);
        StringBuilder t = new StringBuilder("<table id=\"calibration\"><tr><th>variant</th><th>Lamina min val_loss"
                + "</th><th>Keras 3.15.1 (11 runs)</th><th>comparison</th></tr>\n");
        for (DemoRun r : runs) {
            double v = r.reading().bestValLoss();
            double[] k = KERAS.get(r.variant().name());
            String keras = k == null ? "diverges or collapses" : String.format(java.util.Locale.ROOT, "%.3f to %.3f",
                    k[0], k[1]);
            t.append("<tr><td>").append(esc(r.variant().name())).append("</td><td>").append(Demo.fmt(v))
                    .append("</td><td>").append(keras).append("</td><td>").append(esc(compare(v, k, lessonSettings, r)))
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String compare(double v, double[] k, boolean lessonSettings, DemoRun r) {
        if (!lessonSettings) {
            return "not comparable: run with the lesson's settings (--epochs 100 and the default units)";
        }
        if (k == null) {
            return r.reading().verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " (Keras: NaN twice and a collapse to 24.9)";
        }
        if (v >= k[0] && v <= k[1]) {
            return "within Keras' range";
        }
        double ref = v < k[0] ? k[0] : k[1];
        return String.format(java.util.Locale.ROOT, "%.1f %% %s Keras' range (same split; other initial weights and shuffles)",
                100 * Math.abs(v - ref) / ref, v < k[0] ? "below" : "above");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
