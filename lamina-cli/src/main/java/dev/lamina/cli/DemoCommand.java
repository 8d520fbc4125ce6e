package dev.lamina.cli;

import dev.lamina.callbacks.History;
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

    @Option(names = "--epochs", description = "Epochs per variant (default: 50 for red-wine, 100 for concrete; the lesson uses 100).")
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
        int e = epochs != null ? epochs : concrete ? 100 : 50;
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
        w.flush();
        List<DemoRun> runs = Demo.run(s, System.out, System.console() != null);
        String table = Demo.table(runs);
        String reading = Demo.interpretation(data, runs);
        Files.createDirectories(out);
        List<Path> charts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<History> histories = new ArrayList<>();
        for (DemoRun r : runs) {
            Path p = out.resolve("curves-" + r.variant().name().replace('+', '-') + ".png");
            Charts.curves(r.history(), data.id + ": " + r.variant().name(), "MAE", p);
            charts.add(p);
            names.add(r.variant().name());
            histories.add(r.history());
        }
        Path overlay = out.resolve("val_loss.png");
        Charts.overlay(names, histories, "MAE", overlay);
        charts.add(0, overlay);
        Path report = out.resolve("report.html");
        Report.write(report, s, runs, charts, table, reading);
        w.println();
        w.print(table);
        w.println();
        w.println(reading);
        w.println();
        w.println("Wrote " + charts.size() + " charts and " + report + ".");
        w.flush();
        return 0;
    }
}
