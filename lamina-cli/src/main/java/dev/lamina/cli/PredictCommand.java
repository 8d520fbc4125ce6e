package dev.lamina.cli;

import dev.lamina.data.CsvReader;
import dev.lamina.data.Dataset;
import dev.lamina.data.Table;
import dev.lamina.data.TableToDataset;
import dev.lamina.models.Prediction;
import dev.lamina.models.PredictOptions;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamina predict}: predictions of a saved model for the raw rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts for the rows of a CSV file with a saved model (its scaler applies to the raw rows).")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A .lamina file, or a Keras .keras or .h5 file.")
    Path modelFile;

    @Option(names = "--data", required = true, description = "CSV file with the model's feature columns (others are ignored).")
    Path data;

    @Option(names = "--output", description = "Write the predictions to this CSV file (default: standard output).")
    Path output;

    @Option(names = "--mc-samples", defaultValue = "0", description = "Monte-Carlo dropout samples; adds a _std column per output (default: ${DEFAULT-VALUE}, deterministic).")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the Monte-Carlo samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Sequential model = ModelFilesCli.open(modelFile);
        Preprocessing p = model.preprocessing();
        Table table = CsvReader.read(data);
        List<String> features = p != null ? p.features() : table.columns();
        List<String> targets = p != null ? p.targets() : List.of("prediction");
        // A placeholder target lets the feature parser run on files without the target column.
        Table withDummy = addColumn(table, "__target__");
        Dataset d = TableToDataset.of(withDummy).target("__target__").features(features).build();
        Tensor x = p != null && p.featureScaler() != null ? p.featureScaler().transform(d.x()) : d.x();
        Prediction pred = samples > 0 ? model.predict(x, PredictOptions.monteCarlo(samples, seed))
                : model.predict(x, PredictOptions.defaults());
        List<String> header = new ArrayList<>(targets);
        if (samples > 0) {
            for (String t : targets) {
                header.add(t + "_std");
            }
        }
        StringWriter sw = new StringWriter();
        sw.append(String.join(",", header)).append('\n');
        int k = pred.mean().cols();
        for (int i = 0; i < pred.mean().rows(); i++) {
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < k; j++) {
                row.append(j == 0 ? "" : ",").append(pred.mean().get(i, j));
            }
            if (samples > 0) {
                for (int j = 0; j < k; j++) {
                    row.append(',').append(pred.std().get(i, j));
                }
            }
            sw.append(row).append('\n');
        }
        if (output != null) {
            Files.writeString(output, sw.toString(), StandardCharsets.UTF_8);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(sw);
            out.flush();
        }
        return 0;
    }

    private static Table addColumn(Table t, String name) {
        List<String> cols = new ArrayList<>(t.columns());
        cols.add(name);
        List<String[]> rows = new ArrayList<>();
        for (String[] r : t.rows()) {
            String[] n = java.util.Arrays.copyOf(r, r.length + 1);
            n[r.length] = "0";
            rows.add(n);
        }
        return new Table(t.source(), cols, rows, t.lines());
    }
}
