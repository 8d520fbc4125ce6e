package dev.lamina.cli;

import dev.lamina.data.ColumnNames;
import dev.lamina.data.CsvReader;
import dev.lamina.data.DataFormatException;
import dev.lamina.data.EncodeReport;
import dev.lamina.data.Table;
import dev.lamina.data.TableToDataset;
import dev.lamina.models.Prediction;
import dev.lamina.models.PredictOptions;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lamina predict}: predictions of a saved model for the raw rows of a CSV file, one output
 * row per input row. The model's own preprocessing applies, through the same
 * {@link Sequential#predict} that a Java program calls. Columns: the {@code --id} column if asked
 * for, one column per output (per class for a classifier, see {@link PredictionColumns}), a
 * {@code _std} column per output with {@code --mc-samples}, and {@code predicted} for a classifier.
 * Numbers are plain decimals that read back as the same float.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts for the rows of a CSV file with a saved model (its preprocessing applies to the raw rows).")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A .lamina file, or a Keras .keras or .h5 file.")
    Path modelFile;

    @Option(names = "--data", required = true, description = "CSV file with the model's feature columns (others are ignored).")
    Path data;

    @Option(names = "--output", description = "Write the predictions to this CSV file (default: standard output).")
    Path output;

    @Option(names = "--id", description = "A column of the data to copy into the output, first, e.g. a row id.")
    String id;

    @Option(names = "--mc-samples", defaultValue = "0", description = "Monte-Carlo dropout samples; adds a _std column per output (default: ${DEFAULT-VALUE}, deterministic).")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the Monte-Carlo samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Sequential model = ModelFilesCli.open(modelFile);
        Preprocessing p = model.preprocessing();
        // The file is read as it is converted, never held as strings: once for the features, and
        // once more for the id column if there is one.
        List<String> header = CsvReader.header(data);
        int idColumn = id == null ? -1 : idColumn(header);
        Tensor x;
        List<String> ids;
        if (p != null && p.featureSpec() != null) {
            // Raw rows through the model's feature spec (read in memory: tables with text are table-sized).
            Table table = CsvReader.read(data);
            EncodeReport report = new EncodeReport();
            x = p.rows(table, report);
            ids = idColumn < 0 ? null : column(table, idColumn);
            EncodeReports.print(report, data, spec.commandLine().getErr());
        } else {
            List<String> features = p != null ? p.features() : withoutColumn(header, idColumn);
            x = TableToDataset.of(data).features(features).featureRows();
            ids = idColumn < 0 ? null : CsvReader.column(data, id);
        }
        Prediction pred = samples > 0 ? model.predict(x, PredictOptions.monteCarlo(samples, seed))
                : model.predict(x, PredictOptions.defaults());
        PredictionColumns columns = PredictionColumns.of(model, pred.mean().cols());
        if (output != null) {
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                write(w, ids, pred, columns);
            }
        } else {
            write(spec.commandLine().getOut(), ids, pred, columns);
        }
        return 0;
    }

    private void write(Writer w, List<String> ids, Prediction pred, PredictionColumns columns) throws IOException {
        List<String> header = new ArrayList<>();
        if (ids != null) {
            header.add(id);
        }
        header.addAll(columns.outputs());
        if (samples > 0) {
            columns.outputs().forEach(c -> header.add(c + "_std"));
        }
        if (columns.classifies()) {
            header.add("predicted");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
        // Not closed here: the writer may be standard output, which is the command's to close.
        CSVPrinter csv = new CSVPrinter(w, format);
        csv.printRecord(header);
        int k = pred.mean().cols();
        float[] row = new float[k];
        List<String> cells = new ArrayList<>(header.size());
        for (int i = 0; i < pred.mean().rows(); i++) {
            cells.clear();
            if (ids != null) {
                cells.add(ids.get(i));
            }
            for (int j = 0; j < k; j++) {
                row[j] = pred.mean().get(i, j);
                cells.add(plain(row[j]));
            }
            if (samples > 0) {
                for (int j = 0; j < k; j++) {
                    cells.add(plain(pred.std().get(i, j)));
                }
            }
            if (columns.classifies()) {
                cells.add(columns.predicted(row));
            }
            csv.printRecord(cells);
        }
        csv.flush();
    }

    private static List<String> column(Table table, int j) {
        List<String> out = new ArrayList<>(table.rows().size());
        for (String[] row : table.rows()) {
            out.add(row[j]);
        }
        return out;
    }

    private int idColumn(List<String> columns) {
        int c = columns.indexOf(id);
        if (c < 0) {
            throw new DataFormatException(data + " has no column '" + id + "' for --id; its columns are: "
                    + ColumnNames.listed(columns) + "." + ColumnNames.suggestion(columns, id));
        }
        return c;
    }

    private static List<String> withoutColumn(List<String> columns, int index) {
        List<String> out = new ArrayList<>(columns);
        if (index >= 0) {
            out.remove(index);
        }
        return out;
    }

    /** The shortest decimal that reads back as {@code v}, without an exponent ({@code 0.000000117}, not {@code 1.17E-7}). */
    static String plain(float v) {
        return Float.isFinite(v) ? new BigDecimal(Float.toString(v)).toPlainString() : Float.toString(v);
    }
}
