package dev.lamina.data;

import java.io.BufferedInputStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV files with a header row (Apache Commons CSV): the delimiter is a comma, a semicolon or a
 * tab, whichever the start of the header holds most of (see {@link #delimiterOf}); fields may be
 * quoted; blank lines are skipped; a UTF-8 byte order mark (as spreadsheet programs write) is
 * dropped; headers may be of any width. A column name that appears twice is refused, naming both
 * positions, since either choice of column would be a silent guess.
 *
 * <p>The text is UTF-8, or Windows-1252 where the file's first mebibyte is not valid UTF-8 (see
 * {@link TextEncoding}).
 *
 * <p>A semicolon-separated file is read as spreadsheet programs write one where the comma is the
 * decimal mark, as R's {@code read.csv2} reads it: a cell such as {@code 9,60} or {@code 1.234,5} is
 * the number 9.6 or 1234.5. Otherwise those numbers would be read as text (a column of them
 * ignored as free text, a target of them taken for class labels). In comma-separated files, and for
 * any cell that is not such a number, cells are kept as they are.
 */
public final class CsvReader {
    private CsvReader() {}

    /** What receives a file's data rows, one at a time: the cells and the row's line in the file. */
    interface RowConsumer {
        void accept(String[] cells, long line);
    }

    /** Reads {@code path} into memory. */
    public static Table read(Path path) {
        try (InputStream in = open(path)) {
            return read(path.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV stream into memory; {@code source} names it in errors. */
    public static Table read(String source, InputStream in) {
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> columns = stream(source, in, header -> (cells, line) -> {
            rows.add(cells);
            lines.add(line);
        });
        if (rows.isEmpty()) {
            throw new DataFormatException(source + " has a header but no data rows.");
        }
        return new Table(source, columns, rows, lines);
    }

    /** The first {@code rows} data rows of the CSV file at {@code path} (fewer if it has fewer), without reading on. */
    public static Table head(Path path, int rows) {
        List<String[]> cells = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> columns;
        try {
            columns = stream(path, header -> (row, line) -> {
                if (cells.size() == rows) {
                    throw new EnoughRows();
                }
                cells.add(row);
                lines.add(line);
            });
        } catch (EnoughRows e) {
            columns = header(path);
        }
        return new Table(path.toString(), columns, cells, lines);
    }

    /** Stops a read once {@link #head} has its rows. */
    private static final class EnoughRows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EnoughRows() {
            super(null, null, false, false);
        }
    }

    /** The column names of the CSV file at {@code path}, reading its header only. */
    public static List<String> header(Path path) {
        return stream(path, columns -> null);
    }

    /** The cells of one column of the CSV file at {@code path}, in row order, without keeping the others. */
    public static List<String> column(Path path, String name) {
        List<String> cells = new ArrayList<>();
        stream(path, columns -> {
            int c = Table.column(path.toString(), columns, name);
            return (row, line) -> cells.add(row[c]);
        });
        return cells;
    }

    /**
     * Reads {@code path} row by row without keeping the rows: {@code start} receives the header and
     * returns what receives each data row (null: stop after the header). Returns the header.
     */
    static List<String> stream(Path path, Function<List<String>, RowConsumer> start) {
        try (InputStream in = open(path)) {
            return stream(path.toString(), in, start);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path path) throws IOException {
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("File not found: " + path + ".", e);
        }
    }

    private static List<String> stream(String source, InputStream in, Function<List<String>, RowConsumer> start) {
        try (BufferedInputStream bytes = new BufferedInputStream(in, 1 << 16);
             BufferedReader reader = new BufferedReader(new InputStreamReader(bytes, TextEncoding.of(bytes)), 1 << 16)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            String first = headerStart(reader);
            if (first.isBlank()) {
                throw new DataFormatException(source + " is empty: it needs a header row and data rows.");
            }
            char delimiter = delimiterOf(first);
            return parse(source, reader, delimiter, start);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The delimiter a header starting with {@code first} uses: a tab if it holds at least as many tabs
     * as commas and semicolons (spreadsheets' "tab-delimited text"), else a semicolon if it holds more
     * of them than commas, else a comma.
     */
    static char delimiterOf(String first) {
        int tabs = count(first, '\t');
        int semicolons = count(first, ';');
        int commas = count(first, ',');
        if (tabs > 0 && tabs >= Math.max(semicolons, commas)) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /** The format of data rows after the header: the delimiter, quoted fields, blank lines skipped, cells trimmed. */
    static CSVFormat rowFormat(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get();
    }

    /** The header up to its end or its first 64 Ki characters, read without consuming them. */
    static String headerStart(BufferedReader reader) throws IOException {
        int limit = 1 << 16;
        reader.mark(limit + 1);
        StringBuilder sb = new StringBuilder();
        int c;
        while (sb.length() < limit && (c = reader.read()) >= 0 && c != '\n' && c != '\r') {
            sb.append((char) c);
        }
        reader.reset();
        return sb.toString();
    }

    /**
     * Refuses a header with a column without a name, naming its position (counted from 1); a nameless
     * last column is most often a delimiter at the end of every line, as some exports write.
     */
    static void checkNamed(String source, List<String> columns, char delimiter) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isBlank()) {
                String shown = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
                throw new DataFormatException(source + ": the header's column " + (i + 1) + " of " + columns.size()
                        + " has no name" + (i == columns.size() - 1 ? " (the header ends with a " + shown + ")" : "")
                        + "; name the column, or remove it" + (i == columns.size() - 1 ? " and the " + shown
                        + " at the end of each line." : "."));
            }
        }
    }

    /** Refuses a header that names a column twice, naming both positions (counted from 1). */
    static void checkDistinct(String source, List<String> columns) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Integer earlier = first.putIfAbsent(columns.get(i), i);
            if (earlier != null) {
                throw new DataFormatException(source + ": the header names column '" + columns.get(i) + "' twice, as"
                        + " columns " + (earlier + 1) + " and " + (i + 1) + "; rename one of them.");
            }
        }
    }

    private static List<String> parse(String source, Reader reader, char delimiter,
                                      Function<List<String>, RowConsumer> start) throws IOException {
        // Names are checked here, so that a missing one gets an error that says where it is.
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
                .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true)
                .get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> columns = ColumnNames.of(parser.getHeaderNames());
            checkNamed(source, columns, delimiter);
            checkDistinct(source, columns);
            RowConsumer rows = start.apply(columns);
            if (rows == null) {
                return columns;
            }
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                if (rec.size() != columns.size()) {
                    throw new DataFormatException(source + " line " + line + " has " + rec.size() + " fields but the"
                            + " header has " + columns.size() + "; every row needs one value per column.");
                }
                String[] cells = rec.values();
                if (readsDecimalCommas(delimiter)) {
                    withDecimalPoints(cells);
                }
                rows.accept(cells, line);
            }
            return columns;
        } catch (CSVException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // CSVException: a quote left open in the header, which Commons CSV reports as it builds the header.
            throw new DataFormatException(source + " is not valid CSV: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a file with this delimiter writes decimal commas (a semicolon: see the class comment);
     * its cells are then read through {@link CsvNumbers#withDecimalPoint}, here and in {@code CsvChunk}.
     */
    static boolean readsDecimalCommas(char delimiter) {
        return delimiter == ';';
    }

    /** A semicolon-separated row's cells with their decimal commas written as points (see the class comment). */
    static void withDecimalPoints(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = CsvNumbers.withDecimalPoint(cells[i]);
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
