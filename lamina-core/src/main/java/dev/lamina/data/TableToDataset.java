package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a table into a {@link Dataset}: picks the target and feature columns by name, parses
 * numbers as float32 (plain decimals only, see {@code CsvNumbers}), one-hot encodes the categorical
 * columns asked for, and either rejects (default) or drops rows with missing values. Missing means
 * an empty cell or one of {@code NA}, {@code N/A}, {@code NaN}, {@code ?}.
 *
 * <p>From a {@link Table} in memory, or straight from a CSV file with {@link #of(Path)}: then the
 * rows are parsed as they are read and never held as strings, so loading peaks at about twice the
 * float32 matrix (a 400 MB file of numbers, not 13 times its size as strings).
 *
 * <pre>{@code
 * Dataset d = TableToDataset.of(Path.of("wine.csv")).target("quality").build();
 * }</pre>
 */
public final class TableToDataset {
    private final Table table;
    private final Path file;
    private List<String> targets = List.of();
    private List<String> features;
    private Set<String> categorical = Set.of();
    private boolean dropMissing;
    private long droppedRows;

    private TableToDataset(Table table, Path file) {
        this.table = table;
        this.file = file;
    }

    /** Starts from {@code table}, in memory. */
    public static TableToDataset of(Table table) {
        return new TableToDataset(table, null);
    }

    /** Starts from the CSV file at {@code csv} (see {@link CsvReader}), read as it is converted. */
    public static TableToDataset of(Path csv) {
        return new TableToDataset(null, csv);
    }

    /** The target column(s). */
    public TableToDataset target(String... columns) {
        this.targets = List.of(columns);
        return this;
    }

    /** The feature columns (default: every column that is not a target). */
    public TableToDataset features(List<String> columns) {
        this.features = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
        return this;
    }

    /** Columns to one-hot encode (one feature {@code column=value} per distinct value, sorted). */
    public TableToDataset oneHot(List<String> columns) {
        this.categorical = new LinkedHashSet<>(columns);
        return this;
    }

    /** Drops rows with a missing value in a used column instead of refusing them. */
    public TableToDataset dropMissing(boolean drop) {
        this.dropMissing = drop;
        return this;
    }

    /** The dataset. */
    public Dataset build() {
        return convert(false);
    }

    /** How many rows the last {@link #build()} left out for a missing value ({@link #dropMissing}). */
    public long droppedRows() {
        return droppedRows;
    }

    /**
     * The feature rows alone, for prediction: no target column is needed, and with missing values
     * refused (not dropped), row {@code i} of the result is row {@code i} of the table.
     */
    public Tensor featureRows() {
        return convert(true).x();
    }

    private Dataset convert(boolean forPrediction) {
        List<String> targetColumns = forPrediction ? List.of() : targets;
        String source = table != null ? table.source() : file.toString();
        RowsToDataset[] rows = new RowsToDataset[1];
        try {
            if (table != null) {
                rows[0] = new RowsToDataset(source, table.columns(), targetColumns, features, categorical, dropMissing,
                        forPrediction);
                for (int r = 0; r < table.rows().size(); r++) {
                    rows[0].add(table.rows().get(r), table.lines().get(r));
                }
            } else {
                CsvReader.stream(file, columns -> {
                    rows[0] = new RowsToDataset(source, columns, targetColumns, features, categorical, dropMissing,
                            forPrediction);
                    return rows[0]::add;
                });
            }
            Dataset d = rows[0].build();
            droppedRows = rows[0].dropped();
            return d;
        } catch (OutOfMemoryError e) {
            long read = rows[0] == null ? 0 : rows[0].rows();
            rows[0] = null; // what was read goes, so that the message can be made
            throw new DataFormatException(source + ": the JVM's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB) ran out after " + read + " rows. Give the JVM more (-Xmx, or LAMINA_JAVA_OPTS=-Xmx4g for"
                    + " the lamina command), or use fewer rows or columns.", e);
        }
    }
}
