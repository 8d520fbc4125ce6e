package dev.lamina.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of one chunk of a streamed CSV file, parsed straight to float32: inputs and targets
 * row-major, for the rows on this source's side of the split.
 *
 * @param x the inputs, {@code rows} rows
 * @param y the targets, {@code rows} rows (empty for a source of inputs only)
 * @param rows the rows kept
 */
record CsvChunk(float[] x, float[] y, int rows) {

    /** Reads chunk {@code c} of {@code index}, keeping the records {@code side} accepts. */
    static CsvChunk read(CsvIndex index, int c, int[] features, int[] targets, SplitSide side) {
        String source = index.file.toString();
        int want = index.rowsIn(c);
        long firstRecord = (long) c * index.chunkRows;
        int nf = features.length;
        int nt = targets.length;
        int keep = side.count(firstRecord, want);
        float[] x = new float[keep * nf];
        float[] y = new float[keep * nt];
        int kept = 0;
        try (FileChannel ch = FileChannel.open(index.file, StandardOpenOption.READ)) {
            ch.position(index.offset(c));
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8), 1 << 16);
            CSVParser parser = CSVParser.parse(reader, CsvReader.rowFormat(index.delimiter));
            Iterator<CSVRecord> it = parser.iterator();
            boolean decimalCommas = CsvReader.readsDecimalCommas(index.delimiter);
            for (int i = 0; i < want; i++) {
                long line = index.line(c) + parser.getCurrentLineNumber();
                if (!it.hasNext()) {
                    throw new DataFormatException(source + " changed while it was read: line " + line + " has no row"
                            + " where there was one; open it again.");
                }
                CSVRecord rec = it.next();
                if (rec.size() != index.columns.size()) {
                    throw new DataFormatException(source + " line " + line + " has " + rec.size() + " fields but the"
                            + " header has " + index.columns.size() + "; every row needs one value per column.");
                }
                if (!side.keeps(firstRecord + i)) {
                    continue;
                }
                for (int j = 0; j < nf; j++) {
                    x[kept * nf + j] = number(index, cell(rec, features[j], decimalCommas), features[j], line);
                }
                for (int j = 0; j < nt; j++) {
                    y[kept * nt + j] = number(index, cell(rec, targets[j], decimalCommas), targets[j], line);
                }
                kept++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new DataFormatException(source + " is not valid CSV: " + e.getMessage(), e);
        }
        return new CsvChunk(x, y, kept);
    }

    /** Column {@code j}'s cell, read as {@link CsvReader} reads it (decimal commas in semicolon-separated files). */
    private static String cell(CSVRecord rec, int j, boolean decimalCommas) {
        return decimalCommas ? CsvNumbers.withDecimalPoint(rec.get(j)) : rec.get(j);
    }

    private static float number(CsvIndex index, String cell, int column, long line) {
        String name = index.columns.get(column);
        if (Missing.is(cell)) {
            throw new DataFormatException(index.file + " line " + line + ", column '" + name + "': the value is"
                    + " missing; a streamed file needs every value (fill it in, or load the file in memory with"
                    + " --drop-missing).");
        }
        String number = CsvNumbers.plain(cell);
        if (number == null) {
            throw new DataFormatException(index.file + " line " + line + ", column '" + name + "': \"" + cell
                    + "\" is not a number; a streamed file needs numeric columns (load it in memory to one-hot"
                    + " encode it).");
        }
        float v = Float.parseFloat(number);
        if (!Float.isFinite(v)) {
            throw new DataFormatException(index.file + " line " + line + ", column '" + name + "': " + cell
                    + " is not a finite number (or overflows float).");
        }
        return v;
    }
}
