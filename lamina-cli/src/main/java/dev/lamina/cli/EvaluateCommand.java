package dev.lamina.cli;

import dev.lamina.data.Dataset;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamina evaluate}: the loss and metrics of a saved model on a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Reports a saved model's loss and metrics on a CSV file (raw rows; the model's scaler applies).")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A .lamina file, or a Keras .keras or .h5 file.")
    Path modelFile;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Override
    public Integer call() throws Exception {
        Sequential model = ModelFilesCli.open(modelFile);
        if (model.optimizer() == null) {
            throw new IllegalArgumentException(modelFile + " was saved without compile settings, so it has no loss to"
                    + " evaluate.");
        }
        Preprocessing p = model.preprocessing();
        Dataset d = dataOptions.load(p == null ? null : p.targets(), p == null ? null : p.features());
        Map<String, Double> r = model.evaluate(d.x(), d.y());
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder line = new StringBuilder().append(d.rows()).append(" rows");
        r.forEach((k, v) -> line.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.6f", v)));
        out.println(line);
        out.flush();
        return 0;
    }
}
