package dev.lamina.cli;

import dev.lamina.callbacks.History;
import dev.lamina.plot.CurveComparison;
import dev.lamina.plot.LearningCurves;
import dev.lamina.plot.YRange;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lamina demo}: the lesson's experiment on a bundled data set, with curves and a report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the lesson's experiment on bundled data and writes learning curves and report.html.",
                "red-wine: baseline, +Dropout(0.3), +BatchNormalization and +both (Adam, MAE, batch 256, unscaled).",
                "concrete: SGD on unscaled inputs without and with BatchNormalization (MAE, batch 64)."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "red-wine", description = "red-wine or concrete (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", description = "Epochs per variant (default: 100, the lesson's, which Keras' figures"
            + " in the calibration table need).")
    Integer epochs;

    @Option(names = "--units", description = "Units per hidden layer (default: 1024 for red-wine, 512 for concrete,"
            + " as the lesson).")
    Integer units;

    @Option(names = "--out", defaultValue = "lamina-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the models (and of a random split) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", defaultValue = "lesson", description = "lesson (pandas' sample(frac=0.7, random_state=0),"
            + " as the lesson) or random (seeded 70/30) (default: ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() throws Exception {
        BundledData data = BundledData.of(dataset);
        boolean concrete = data == BundledData.CONCRETE;
        int e = epochs != null ? epochs : 100;
        int u = units != null ? units : concrete ? 512 : 1024;
        if (e < 1 || u < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--epochs and --units must be positive.");
        }
        PrintWriter w = spec.commandLine().getOut();
        if (!split.equals("lesson") && !split.equals("random")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split must be lesson or random.");
        }
        Demo.Settings s = new Demo.Settings(data, e, u, seed, split.equals("lesson"));
        w.printf("Lamina demo on %s (%s): %d epochs per variant, %d units per hidden layer, seed %d%n", data.id,
                data.credit, e, u, seed);
        if (Calibration.lessonSettings(s)) {
            w.printf("These are the lesson's settings, so the results compare with Keras' figures below; %s on two"
                    + " cores (--epochs 20 for a quick look).%n", concrete ? "a few seconds" : "about a minute");
        }
        w.flush();
        List<DemoRun> runs = Demo.run(s, System.out, System.console() != null);
        String table = Demo.table(runs);
        String reading = Demo.interpretation(data, runs);
        Files.createDirectories(out);
        List<History> histories = runs.stream().map(DemoRun::history).toList();
        // One y range for every chart, so that the same height means the same loss on each.
        YRange range = YRange.covering(histories, List.of("loss", "val_loss"));
        List<Path> charts = new ArrayList<>();
        CurveComparison overlay = CurveComparison.of("val_loss").title("val_loss by variant").yLabel("MAE")
                .yRange(range);
        for (DemoRun r : runs) {
            Path p = out.resolve("curves-" + r.variant().name().replace('+', '-') + ".png");
            Charts.write(LearningCurves.of(r.history()).title(data.id + ": " + r.variant().name()).yLabel("MAE")
                    .yRange(range), p);
            charts.add(p);
            overlay.add(r.variant().name(), r.history());
        }
        Path overlayFile = out.resolve("val_loss.png");
        Charts.write(overlay, overlayFile);
        charts.add(0, overlayFile);
        Path report = out.resolve("report.html");
        Report.write(report, s, runs, charts, table, reading);
        w.println();
        w.print(table);
        w.println();
        w.println(reading);
        w.println();
        Calibration calibration = Calibration.of(s, runs);
        w.println("Calibration: " + Calibration.describe(s));
        w.print(calibration.text());
        w.println();
        w.println("Wrote " + charts.size() + " charts and " + report + ".");
        w.flush();
        return 0;
    }
}
