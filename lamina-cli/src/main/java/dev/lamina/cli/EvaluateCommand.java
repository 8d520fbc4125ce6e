package dev.lamina.cli;

import dev.lamina.data.CsvReader;
import dev.lamina.data.CsvSource;
import dev.lamina.data.Dataset;
import dev.lamina.data.EncodeReport;
import dev.lamina.data.Table;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
        long rows;
        Map<String, Double> r;
        CsvSource stream = p != null && p.featureSpec() != null ? null : streamable(p);
        if (p != null && p.featureSpec() != null) {
            // Raw rows through the model's feature spec: text, missing values and new categories included.
            Table table = MissingTargets.keep(CsvReader.read(dataOptions.data), p.targets(), "a target",
                    dataOptions.dropMissing, spec.commandLine().getOut());
            EncodeReport report = new EncodeReport();
            Tensor x = p.rows(table, report);
            rows = x.rows();
            r = model.evaluate(x, p.targetRows(table));
            EncodeReports.print(report, dataOptions.data, spec.commandLine().getErr());
        } else if (stream != null) {
            // A file over half the heap is read as it goes: the same batches of 32, the same numbers.
            rows = stream.rows();
            r = model.evaluate(stream, 32);
        } else {
            Dataset d = dataOptions.load(p == null ? null : p.targets(), p == null ? null : p.features());
            dataOptions.reportDropped(spec.commandLine().getOut());
            rows = d.rows();
            r = model.evaluate(d.x(), d.y());
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder line = new StringBuilder().append(rows).append(" rows");
        r.forEach((k, v) -> line.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.6f", v)));
        out.println(line);
        out.flush();
        return 0;
    }

    /**
     * The file as a stream when loading it would take over half the heap and streaming can read it (numeric
     * columns named in the header, nothing to one-hot encode or drop), else null.
     */
    private CsvSource streamable(Preprocessing p) throws java.io.IOException {
        if (!dataOptions.oneHot.isEmpty() || dataOptions.dropMissing || !StreamChoice.overHeap(dataOptions.data)) {
            return null;
        }
        List<String> targets = !dataOptions.target.isEmpty() ? dataOptions.target : p == null ? List.of() : p.targets();
        List<String> features = !dataOptions.features.isEmpty() ? dataOptions.features
                : p == null ? null : p.features();
        List<String> header = CsvReader.header(dataOptions.data);
        if (targets.isEmpty() || !header.containsAll(targets) || features != null && !header.containsAll(features)) {
            return null; // let the loader name what is wrong, or one-hot columns the stream cannot make
        }
        CsvSource s = CsvSource.of(dataOptions.data, targets.toArray(new String[0]));
        return features == null ? s : s.features(features);
    }
}
