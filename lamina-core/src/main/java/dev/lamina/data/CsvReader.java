package dev.lamina.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV files with a header row (Apache Commons CSV): the delimiter is a comma or a semicolon,
 * whichever the header holds more of; fields may be quoted; blank lines are skipped.
 */
public final class CsvReader {
    private CsvReader() {}

    /** Reads {@code path}. */
    public static Table read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(path.toString(), in);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("File not found: " + path + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV stream; {@code source} names it in errors. */
    public static Table read(String source, InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.mark(1 << 16);
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new DataFormatException(source + " is empty: it needs a header row and data rows.");
            }
            reader.reset();
            char delimiter = count(header, ';') > count(header, ',') ? ';' : ',';
            return parse(source, reader, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static Table parse(String source, Reader reader, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
                .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> columns = new ArrayList<>(parser.getHeaderNames());
            List<String[]> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                if (rec.size() != columns.size()) {
                    throw new DataFormatException(source + " line " + line + " has " + rec.size() + " fields but the"
                            + " header has " + columns.size() + "; every row needs one value per column.");
                }
                rows.add(rec.values());
                lines.add(line);
            }
            if (rows.isEmpty()) {
                throw new DataFormatException(source + " has a header but no data rows.");
            }
            return new Table(source, columns, rows, lines);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new DataFormatException(source + " is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
