package dev.lamina.cli;

import dev.lamina.data.CategoricalColumn;
import dev.lamina.data.ColumnSpec;
import dev.lamina.data.CsvReader;
import dev.lamina.data.Dataset;
import dev.lamina.data.EncodeReport;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.IgnoredColumn;
import dev.lamina.data.LeakCheck;
import dev.lamina.data.NumericColumn;
import dev.lamina.data.Splits;
import dev.lamina.data.Table;
import dev.lamina.data.Tables;
import dev.lamina.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lamina train}'s path for tables with text or missing values: whether a file needs it (its
 * first rows), then a feature spec inferred on the training rows, checked for leaks, overridden by
 * the command line, adapted, printed, and the rows encoded (text targets as class indices).
 */
final class TableTraining {
    private final TrainCommand command;

    TableTraining(TrainCommand command) {
        this.command = command;
    }

    /** The rows looked at to tell whether a file needs a feature spec. */
    private static final int SAMPLE_ROWS = 10_000;

    /**
     * The file as a table when it needs a feature spec: kinds given on the command line, or text or
     * missing values in the feature columns of its first 10,000 rows (without --one-hot or --stream,
     * which ask for the numeric readers; with --drop-missing, text only, since the numeric reader drops
     * rows with holes itself). Null otherwise. A table is
     * held as text, about 16 times the file's size; a file too big for that is refused with the fix.
     */
    Table tableIfNeeded() throws java.io.IOException {
        boolean overrides = !command.categorical.isEmpty() || !command.numeric.isEmpty() || !command.ignore.isEmpty();
        if (!overrides && (!command.dataOptions.oneHot.isEmpty() || command.stream
                || !Files.isRegularFile(command.dataOptions.data))) {
            return null;
        }
        if (!overrides && !needsSpec(CsvReader.head(command.dataOptions.data, SAMPLE_ROWS))) {
            return null;
        }
        long size = Files.size(command.dataOptions.data);
        long heap = Runtime.getRuntime().maxMemory();
        if (16 * size > heap / 2) {
            throw new IllegalArgumentException(command.dataOptions.data + " has text or missing values, so it is read as a"
                    + " table of text, about " + (16 * size >> 20) + " MB for this file, more than half the heap ("
                    + (heap >> 20) + " MB); give the JVM more (LAMINA_JAVA_OPTS=-Xmx" + Math.max(1, (40 * size >> 30) + 1)
                    + "g).");
        }
        return CsvReader.read(command.dataOptions.data);
    }

    private boolean needsSpec(Table head) {
        List<Integer> features = new ArrayList<>();
        for (int j = 0; j < head.columns().size(); j++) {
            String c = head.columns().get(j);
            boolean target = command.dataOptions.target.contains(c);
            if (!c.equals(command.weightColumn) && (target && command.dataOptions.target.size() == 1
                    || !target && (command.dataOptions.features.isEmpty() || command.dataOptions.features.contains(c)))) {
                features.add(j); // a single target is looked at too: text labels need the table path
            }
        }
        int target = command.dataOptions.target.size() == 1 ? head.columns().indexOf(command.dataOptions.target.get(0)) : -1;
        for (String[] row : head.rows()) {
            for (int j : features) {
                // Text anywhere, or a hole in a feature (a missing target is an error either way); with
                // --drop-missing the numeric reader drops rows with holes itself, so only text counts.
                boolean hole = Tables.isMissing(row[j]);
                if (!Tables.isNumber(row[j]) && !(hole && (j == target || command.dataOptions.dropMissing))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Training through a feature spec: inferred on the training rows, overridden, adapted, printed. */
    TrainCommand.TrainingData specified(Table all, PrintWriter out) {
        if (command.dataOptions.target.isEmpty()) {
            throw new IllegalArgumentException("Choose the target column with --target.");
        }
        List<String> exclude = new ArrayList<>(command.dataOptions.target);
        if (command.weightColumn != null) {
            exclude.add(command.weightColumn);
        }
        for (String c : all.columns()) {
            if (!command.dataOptions.features.isEmpty() && !command.dataOptions.features.contains(c) && !exclude.contains(c)) {
                exclude.add(c); // --features names the columns to read; the others are left out
            }
        }
        all = withTargets(all, out);
        int n = all.rows().size();
        int[][] parts = command.validationSplit == 0 ? new int[][] {all(n), null}
                : command.split.equals("last") ? Splits.lastRows(n, command.validationSplit)
                : Splits.randomRows(n, 1 - command.validationSplit, command.seed);
        Table train = all.select(parts[0]);
        FeatureSpec spec = FeatureSpec.infer(train, exclude);
        if (command.dataOptions.target.size() == 1) {
            // Columns named on the command line are the user's call; the others are checked for leaks.
            java.util.Map<String, Double> leaks = new java.util.LinkedHashMap<>(
                    LeakCheck.suspects(train, spec, command.dataOptions.target.get(0)));
            leaks.keySet().removeAll(command.categorical);
            leaks.keySet().removeAll(command.numeric);
            spec = LeakCheck.ignore(spec, leaks);
            for (String c : leaks.keySet()) {
                out.println("Ignoring '" + c + "': it alone tells the target of nearly every training row, as a"
                        + " value recorded after the fact does; --categorical " + c + " to train on it anyway.");
            }
        }
        for (String c : command.categorical) {
            spec = spec.with(CategoricalColumn.of(c));
        }
        for (String c : command.numeric) {
            spec = spec.with(NumericColumn.of(c));
        }
        for (String c : command.ignore) {
            spec = spec.with(new IgnoredColumn(c, "asked for"));
        }
        Table valid = parts[1] == null ? null : all.select(parts[1]);
        if (command.dataOptions.dropMissing) {
            int before = train.rows().size() + (valid == null ? 0 : valid.rows().size());
            train = complete(train, spec);
            valid = valid == null ? null : complete(valid, spec);
            int dropped = before - train.rows().size() - (valid == null ? 0 : valid.rows().size());
            if (dropped > 0) {
                out.println("Dropped " + dropped + " row" + (dropped == 1 ? "" : "s") + " with a missing value in a"
                        + " feature column (--drop-missing).");
            }
            if (train.rows().isEmpty()) {
                throw new IllegalArgumentException(all.source() + ": every training row has a missing value in a"
                        + " feature column; without --drop-missing the missing values are imputed instead.");
            }
        }
        spec = withSettings(spec, train).adapt(train);
        out.print(spec.describe());
        out.flush();
        // A single target holding text is a class label: the classes in sorted order, the targets their indices.
        List<String> classes = command.dataOptions.target.size() == 1 && !allNumbers(all, command.dataOptions.target.get(0))
                ? all.classes(command.dataOptions.target.get(0)) : null;
        if (classes != null) {
            out.println("Classes of '" + command.dataOptions.target.get(0) + "': " + classes.size() + ", as indices 0 to "
                    + (classes.size() - 1) + ": " + String.join(", ", classes.size() <= 20 ? classes
                    : classes.subList(0, 20)) + (classes.size() > 20 ? ", ..." : "") + ".");
        }
        Dataset t = encode(spec, train, classes);
        Dataset v = valid == null || valid.rows().isEmpty() ? null : encode(spec, valid, classes);
        return new TrainCommand.TrainingData(null, null, t, v, t.rows(), spec.outputNames(), command.dataOptions.target, spec, classes);
    }

    /** {@code all} without its rows that lack a target (or a weight), with --drop-missing; see {@link MissingTargets}. */
    private Table withTargets(Table all, PrintWriter out) {
        List<String> needed = new ArrayList<>(command.dataOptions.target);
        if (command.weightColumn != null) {
            needed.add(command.weightColumn);
        }
        return MissingTargets.keep(all, needed, command.weightColumn == null ? "a target" : "a target or a weight",
                command.dataOptions.dropMissing, out);
    }

    /** The rows of {@code t} with a value in every column that {@code spec} reads. */
    private static Table complete(Table t, FeatureSpec spec) {
        int[] used = spec.columns().stream().filter(c -> !(c instanceof IgnoredColumn))
                .mapToInt(c -> t.column(c.name())).toArray();
        int[] kept = MissingTargets.rowsWithValues(t, used);
        return kept.length == t.rows().size() ? t : t.select(kept);
    }

    /** The encoded rows and their targets (class indices when there are classes), with the weight column last if any. */
    private Dataset encode(FeatureSpec spec, Table t, List<String> classes) {
        Tensor y = classes != null ? t.labels(command.dataOptions.target.get(0), classes) : t.numbers(command.dataOptions.target);
        List<String> yColumns = new ArrayList<>(command.dataOptions.target);
        if (command.weightColumn != null) {
            // The weights ride along as a last target column, as in the loaded path.
            Tensor w = t.numbers(List.of(command.weightColumn));
            float[] both = new float[y.rows() * (y.cols() + 1)];
            for (int r = 0; r < y.rows(); r++) {
                System.arraycopy(y.data(), r * y.cols(), both, r * (y.cols() + 1), y.cols());
                both[r * (y.cols() + 1) + y.cols()] = w.data()[r];
            }
            y = Tensor.wrap(both, y.rows(), y.cols() + 1);
            yColumns.add(command.weightColumn);
        }
        return new Dataset(spec.transform(t, new EncodeReport()), y, spec.outputNames(), yColumns);
    }

    private static boolean allNumbers(Table t, String column) {
        int j = t.column(column);
        for (String[] row : t.rows()) {
            // A missing target is named later, by whichever reader meets it.
            if (!Tables.isNumber(row[j]) && !Tables.isMissing(row[j])) {
                return false;
            }
        }
        return true;
    }

    /** The command line's scaling, imputation and vocabulary settings applied to every column of their kind. */
    private FeatureSpec withSettings(FeatureSpec spec, Table train) {
        String strategy = command.impute.startsWith("constant:") ? "constant" : command.impute;
        double fill = 0;
        if (strategy.equals("constant")) {
            try {
                fill = Double.parseDouble(command.impute.substring("constant:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--impute constant:VALUE needs a number, as in constant:0; got '"
                        + command.impute + "'.", e);
            }
        }
        // One new spec for all the columns: a spec per changed column made wide tables quadratic.
        List<ColumnSpec> out = new ArrayList<>(spec.columns().size());
        for (ColumnSpec c : spec.columns()) {
            if (c instanceof NumericColumn n) {
                out.add(n.scaling(command.scale).impute(strategy, fill)
                        .indicator(command.missingIndicator && hasMissing(train, n.name())));
            } else if (c instanceof CategoricalColumn k) {
                CategoricalColumn v = command.minFrequency > 0 ? k.minFrequency(command.minFrequency) : k;
                out.add(command.maxTokens > 0 ? v.maxTokens(command.maxTokens) : v);
            } else {
                out.add(c);
            }
        }
        return new FeatureSpec(out);
    }

    private static boolean hasMissing(Table t, String column) {
        int j = t.column(column);
        for (String[] row : t.rows()) {
            if (Tables.isMissing(row[j])) {
                return true;
            }
        }
        return false;
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
