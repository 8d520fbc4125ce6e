package dev.lamina.cli;

import dev.lamina.data.Dataset;
import dev.lamina.data.TableToDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose the data: file, target, features, one-hot columns, missing values. */
final class DataOptions {
    @Option(names = "--data", required = true, description = "CSV file with a header row (comma, semicolon or tab;"
            + " with semicolons, decimal commas such as 9,60 are numbers).")
    Path data;

    @Option(names = "--target", description = "Target column(s), comma-separated.", split = ",")
    List<String> target = new ArrayList<>();

    @Option(names = "--features", description = "Feature columns, comma-separated (default: all but the target).",
            split = ",")
    List<String> features = new ArrayList<>();

    @Option(names = "--one-hot", description = "Categorical feature columns to one-hot encode, comma-separated.",
            split = ",")
    List<String> oneHot = new ArrayList<>();

    @Option(names = "--drop-missing", description = "Drop rows with a missing value instead of refusing the file:"
            + " rows without a target and, when training, rows with a hole in a feature column (otherwise imputed).")
    boolean dropMissing;

    private long droppedRows;

    /** The dataset with the given (or, when empty, these options') target and features. */
    Dataset load(List<String> targets, List<String> featureCols) {
        return load(targets, featureCols, null);
    }

    /** {@link #load(List, List)} with {@code forcedTargets}, when not null, as the target columns. */
    Dataset load(List<String> targets, List<String> featureCols, List<String> forcedTargets) {
        List<String> t = forcedTargets != null ? forcedTargets : target.isEmpty() ? targets : target;
        if (t == null || t.isEmpty()) {
            throw new IllegalArgumentException("Choose the target column with --target.");
        }
        TableToDataset reader = TableToDataset.of(data).target(t.toArray(new String[0]))
                .features(features.isEmpty() ? featureCols : features).oneHot(oneHot).dropMissing(dropMissing);
        Dataset d = reader.build();
        droppedRows = reader.droppedRows();
        return d;
    }

    /** Says how many rows the last {@link #load} left out for a missing value, when it left out any. */
    void reportDropped(java.io.PrintWriter out) {
        if (droppedRows > 0) {
            out.println("Dropped " + droppedRows + (droppedRows == 1 ? " row" : " rows") + " with a missing value"
                    + " (--drop-missing).");
            out.flush();
        }
    }
}
