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
                        + "overflow-x:auto;font-size:.8rem}\n#reading{white-space:pre-line}\nimg{max-width:100%}\ntable{border-collapse:collapse}"
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
        h.append("<h2>Calibration against Keras 3.15.1</h2>\n<p>").append(esc(Calibration.describe(s))).append("</p>\n");
        h.append(comparison(Calibration.of(s, runs)));
        h.append("<h2>Models</h2>\n");
        for (DemoRun r : runs) {
            h.append("<h3>").append(esc(r.variant().name())).append("</h3>\n<pre>").append(esc(r.summary()))
                    .append("</pre>\n");
        }
        h.append("<h2>Data</h2>\n<pre id=\"provenance\">").append(esc(BundledData.provenance())).append("</pre>\n");
        h.append("</body></html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    /** The calibration as an HTML table. */
    static String comparison(Calibration calibration) {
        StringBuilder t = new StringBuilder("<table id=\"calibration\"><tr><th>variant</th><th>Lamina min val_loss"
                + "</th><th>Keras 3.15.1 (" + Calibration.RUNS + ")</th><th>comparison</th></tr>\n");
        for (Calibration.Row r : calibration.rows()) {
            t.append("<tr><td>").append(esc(r.variant())).append("</td><td>").append(esc(r.lamina())).append("</td><td>")
                    .append(esc(r.keras())).append("</td><td>").append(esc(r.comparison())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
