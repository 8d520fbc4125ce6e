package dev.lamina.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as one row of the peers' headline table ({@code shared/peers/RESULTS.md}): W1 s/epoch,
 * W1 train rows/s, W2 train rows/s, W3 s/epoch, W4 rows/s (batch 4096), W4 batch-1 latency; medians,
 * with a dash for a workload that was not run.
 */
public final class SummaryTable {
    private static final String[][] COLUMNS = {
        {"W1 s/epoch", "W1", "epoch_s", "%.3f"},
        {"W1 train rows/s", "W1", "train_rows_per_s", "%,.0f"},
        {"W2 train rows/s", "W2", "train_rows_per_s", "%,.0f"},
        {"W3 s/epoch", "W3", "epoch_s", "%.3f"},
        {"W4 rows/s (batch 4096)", "W4", "batch4096_rows_per_s", "%,.0f"},
        {"W4 batch-1 latency µs", "W4", "latency_us", "%.0f"},
    };

    private SummaryTable() {}

    /** The header, separator and one row for {@code results} (as {@link Workloads#run} returns them). */
    public static String format(String name, Map<String, Object> results) {
        List<String> header = new ArrayList<>(List.of("peer (config)"));
        List<String> row = new ArrayList<>(List.of(name));
        for (String[] col : COLUMNS) {
            header.add(col[0]);
            row.add(cell(results, col[1], col[2], col[3]));
        }
        String sep = "|" + "---|".repeat(header.size());
        return "| " + String.join(" | ", header) + " |\n" + sep + "\n| " + String.join(" | ", row) + " |";
    }

    private static String cell(Map<String, Object> results, String workload, String key, String format) {
        if (!(results.get(workload) instanceof Map<?, ?> w) || !(w.get(key) instanceof Map<?, ?> stats)
                || !(stats.get("median") instanceof Number median)) {
            return "—";
        }
        return String.format(Locale.ROOT, format, median.doubleValue());
    }
}
