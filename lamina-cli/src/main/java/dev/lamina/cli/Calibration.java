package dev.lamina.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's figures beside Keras 3.15.1's with the same settings: per variant, Lamina's lowest
 * val_loss, the range of Keras' lowest val_loss over 18 runs of red wine (11 of concrete)
 * ({@code tools/reference/keras_lesson_runs.py} and its outputs beside it), and the difference in
 * words. Printed by {@code lamina demo} and shown in its report.
 *
 * @param rows one row per variant
 * @param comparable whether the run used the lesson's epochs and units, which Keras' figures need
 */
record Calibration(List<Row> rows, boolean comparable) {
    /** Where the Keras figures come from. */
    static final String SOURCE = "Keras 3.15.1 with the lesson's settings and split, red wine over 18 runs (10 seeds on"
            + " TensorFlow, 8 on JAX), concrete over 11 (3 on TensorFlow, 8 on JAX) (tools/reference/keras_lesson_runs.py"
            + " and its outputs beside it)";

    /** How many Keras runs the red-wine ranges span. */
    static final String RUNS = "18 runs";

    /** Keras 3.15.1's lowest validation MAE over its runs with the lesson's settings, per variant. */
    private static final Map<String, double[]> KERAS = Map.of(
            "baseline", new double[] {0.486, 0.505}, "batchnorm", new double[] {0.487, 0.524},
            "dropout+batchnorm", new double[] {0.529, 0.571}, "dropout", new double[] {0.646, 0.840},
            "sgd+batchnorm", new double[] {3.60, 4.16});

    /**
     * One variant.
     *
     * @param variant the variant's name
     * @param lamina Lamina's lowest val_loss
     * @param keras Keras' range in words
     * @param comparison how Lamina's figure falls against Keras' range
     */
    record Row(String variant, String lamina, String keras, String comparison) {}

    Calibration {
        rows = List.copyOf(rows);
    }

    /** The epochs and units of the lesson for {@code data}, which the Keras figures were made with. */
    static boolean lessonSettings(Demo.Settings s) {
        return s.epochs() == 100 && s.units() == (s.data() == BundledData.CONCRETE ? 512 : 1024);
    }

    static Calibration of(Demo.Settings s, List<DemoRun> runs) {
        boolean comparable = lessonSettings(s);
        List<Row> rows = new ArrayList<>();
        for (DemoRun r : runs) {
            double v = r.reading().bestValLoss();
            double[] k = KERAS.get(r.variant().name());
            String keras = k == null ? "diverges or collapses" : String.format(Locale.ROOT, "%.3f to %.3f", k[0], k[1]);
            rows.add(new Row(r.variant().name(), Demo.fmt(v), keras, compare(v, k, comparable, r)));
        }
        return new Calibration(rows, comparable);
    }

    /** What Keras' figures say, in a paragraph. */
    static String describe(Demo.Settings s) {
        if (s.data() == BundledData.CONCRETE) {
            return SOURCE + " (SGD, MAE, 512 units, batch 64, 100 epochs, unscaled inputs): without"
                    + " BatchNormalization NaN, NaN and a collapse to a constant (24.9); with it a lowest validation MAE"
                    + " of 3.60 to 4.16 (the lesson printed 4.1072). Lamina's figures should fall in the same"
                    + " places: divergence or a stall without BN, about 4 with it.";
        }
        return SOURCE + " (1024 units, Adam, MAE, batch 256, 100 epochs, unscaled inputs), lowest validation MAE:"
                + " baseline 0.486 to 0.505, BatchNormalization 0.487 to 0.524, Dropout and BatchNormalization 0.529 to"
                + " 0.571 (its final val_loss mostly below its training loss, about 0.6 against 0.7), Dropout alone"
                + " 0.646 to 0.840 between epochs 5 and 16, then rising and unstable without BN. Over ten seeds each on"
                + " TensorFlow, Lamina's mean lowest val_loss is within 1.2 standard errors of Keras' for every variant"
                + " (Welch's test, p 0.28 to 0.88; tools/reference/lesson_gap.txt): no variant differs.";
    }

    /** The rows as a plain-text table. */
    String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %12s  %-22s %s%n", "variant",
                "min val_loss", "Keras 3.15.1 (" + RUNS + ")", "comparison"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-18s %12s  %-22s %s%n", r.variant(), r.lamina(), r.keras(),
                    r.comparison()));
        }
        return sb.toString();
    }

    private static String compare(double v, double[] k, boolean comparable, DemoRun r) {
        if (!comparable) {
            return "not comparable: Keras' figures are for the lesson's 100 epochs and default units";
        }
        if (k == null) {
            return r.reading().verdict().label() + " (Keras: NaN twice and a collapse to 24.9)";
        }
        if (v >= k[0] && v <= k[1]) {
            return "within Keras' range";
        }
        double ref = v < k[0] ? k[0] : k[1];
        return String.format(Locale.ROOT, "%.1f %% %s Keras' range", 100 * Math.abs(v - ref) / ref,
                v < k[0] ? "below" : "above");
    }
}
