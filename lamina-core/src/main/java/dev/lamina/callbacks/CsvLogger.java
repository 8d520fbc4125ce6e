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
import java.util.List;

/**
 * Writes one row per epoch to a CSV file, as Keras' {@code CSVLogger}: a header {@code epoch} and
 * the log keys in sorted order, then the values. With {@code append}, rows are added to an existing
 * file (and no header is written if it already has content).
 */
public final class CsvLogger implements Callback {
    private final Path path;
    private final String separator;
    private final boolean append;
    private BufferedWriter out;
    private List<String> keys;

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
        try {
            boolean hasContent = append && Files.exists(path) && Files.size(path) > 0;
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            keys = hasContent ? List.of() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger cannot open '" + path + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        try {
            if (keys == null || keys.isEmpty()) {
                List<String> sorted = new ArrayList<>(logs.keys());
                Collections.sort(sorted);
                if (keys == null) {
                    out.write("epoch" + separator + String.join(separator, sorted));
                    out.newLine();
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
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger cannot write '" + path + "': " + e.getMessage(), e);
        }
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
}
