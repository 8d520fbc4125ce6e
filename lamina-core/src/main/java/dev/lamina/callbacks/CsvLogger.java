package dev.lamina.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one row per epoch to a CSV file, as Keras' {@code CSVLogger}: a header {@code epoch} and
 * the log keys in sorted order, then the values. With {@code append}, rows are added to an existing
 * file (and no header is written if it already has content).
 *
 * <p>In a run that resumes from a backup ({@code FitOptions.backupAndRestore}), the file goes on
 * where the backup left it: lines written after the backup (by the run that was interrupted) are
 * dropped and the resumed epochs appended, so the file ends as an uninterrupted run's would.
 */
public final class CsvLogger implements Callback, Resumable {
    private final Path path;
    private final String separator;
    private final boolean append;
    private BufferedWriter out;
    private List<String> keys;
    /** The lines the file holds after the last row written (header included). */
    private long lines;
    /** The lines to keep when a resumed run reopens the file, or -1 when not resuming. */
    private long resumeAt = -1;

    /** Writes to {@code path} with comma separators, replacing the file. */
    public CsvLogger(Path path) {
        this(path, ",", false);
    }

    /**
     * @param path the file to write
     * @param separator the field separator
     * @param append whether to add to an existing file
     */
    public CsvLogger(Path path, String separator, boolean append) {
        this.path = path;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Logs logs) {
        keys = null;
        lines = 0;
        resumeAt = -1;
        // The file is opened at the first row, once a resumed run has said where to go on from.
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        try {
            if (out == null) {
                open();
            }
            if (keys == null || keys.isEmpty()) {
                List<String> sorted = new ArrayList<>(logs.keys());
                Collections.sort(sorted);
                if (keys == null) {
                    out.write("epoch" + separator + String.join(separator, sorted));
                    out.newLine();
                    lines++;
                }
                keys = sorted;
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String k : keys) {
                row.append(separator).append(logs.has(k) ? Double.toString(logs.get(k)) : "NA");
            }
            out.write(row.toString());
            out.newLine();
            out.flush();
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger cannot write '" + path + "': " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        if (resumeAt >= 0) {
            List<String> kept = Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
            if (kept.size() < resumeAt) {
                throw new IllegalStateException("CsvLogger cannot resume '" + path + "': it has " + kept.size()
                        + " lines, the backup expects " + resumeAt + "; it was changed or removed since.");
            }
            Files.write(path, kept.subList(0, (int) resumeAt), StandardCharsets.UTF_8);
            lines = resumeAt;
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return;
        }
        boolean hasContent = append && Files.exists(path) && Files.size(path) > 0;
        if (hasContent) {
            try (var existing = Files.lines(path, StandardCharsets.UTF_8)) {
                lines = existing.count();
            }
        }
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        keys = hasContent ? List.of() : null;
    }

    @Override
    public void onTrainEnd(Logs logs) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger cannot close '" + path + "': " + e.getMessage(), e);
        } finally {
            out = null;
        }
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("keys", keys);
        return m;
    }

    @Override
    public void restore(Map<String, Object> state, List<float[]> arrays) {
        resumeAt = ((Number) state.get("lines")).longValue();
        Object k = state.get("keys");
        keys = k == null ? null : ((List<?>) k).stream().map(String::valueOf).toList();
    }
}
