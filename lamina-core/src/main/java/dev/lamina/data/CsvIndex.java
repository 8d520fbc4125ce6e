package dev.lamina.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Where a CSV file's chunks start: one scan of its bytes (no parsing) records the byte offset and
 * line of every {@code chunkRows}-th record and counts the records, so that a pass can read the
 * chunks in any order. Records end at a line break outside double quotes; blank lines are not
 * records (as the reader skips them). The header is read as {@link CsvReader} reads it.
 */
final class CsvIndex {
    /** Chunks a file may have: an index of 16 MB at most, whatever the file says. */
    private static final int MAX_CHUNKS = 1 << 20;

    final Path file;
    final List<String> columns;
    final char delimiter;
    final int chunkRows;
    final long records;
    final long size;
    final long modified;
    private final long[] offsets;
    private final long[] lines;
    private final int chunks;

    private CsvIndex(Path file, List<String> columns, char delimiter, int chunkRows, long records, long size,
                     long modified, long[] offsets, long[] lines, int chunks) {
        this.file = file;
        this.columns = columns;
        this.delimiter = delimiter;
        this.chunkRows = chunkRows;
        this.records = records;
        this.size = size;
        this.modified = modified;
        this.offsets = offsets;
        this.lines = lines;
        this.chunks = chunks;
    }

    /** The number of chunks. */
    int chunks() {
        return chunks;
    }

    /** The byte offset of chunk {@code c}'s first record. */
    long offset(int c) {
        return offsets[c];
    }

    /** The line (from 1) of chunk {@code c}'s first record. */
    long line(int c) {
        return lines[c];
    }

    /** The records in chunk {@code c}. */
    int rowsIn(int c) {
        return (int) Math.min(chunkRows, records - (long) c * chunkRows);
    }

    /** Reads the header and scans the records of {@code file}, whose rows are cut in chunks of {@code chunkRows}. */
    static CsvIndex scan(Path file, int chunkRows) {
        String source = file.toString();
        List<String> columns = CsvReader.header(file);
        char delimiter;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
            delimiter = CsvReader.delimiterOf(CsvReader.headerStart(r));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long modified = Files.getLastModifiedTime(file).toMillis();
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long[] offsets = new long[64];
            long[] lines = new long[64];
            int chunks = 0;
            long records = 0;
            long line = 1;
            long pos = 0;
            boolean quoted = false;
            boolean inRecord = false;
            boolean header = true;
            boolean first = true;
            while (ch.read(buf) > 0) {
                buf.flip();
                int start = 0;
                if (first) {
                    first = false;
                    if (buf.remaining() >= 3 && (buf.get(0) & 0xFF) == 0xEF && (buf.get(1) & 0xFF) == 0xBB
                            && (buf.get(2) & 0xFF) == 0xBF) {
                        start = 3;
                    }
                }
                int limit = buf.limit();
                for (int i = start; i < limit; i++) {
                    byte b = buf.get(i);
                    if (b == '\n' || b == '\r') {
                        if (b == '\n') {
                            line++;
                        }
                        if (!quoted && inRecord) {
                            inRecord = false;
                            header = false;
                        }
                        continue;
                    }
                    if (!inRecord) {
                        inRecord = true;
                        if (!header) {
                            if (records % chunkRows == 0) {
                                if (chunks == MAX_CHUNKS) {
                                    throw new DataFormatException(source + " has more than " + (long) MAX_CHUNKS
                                            * chunkRows + " rows, more than a stream of chunks of " + chunkRows
                                            + " rows reads; use larger chunks.");
                                }
                                if (chunks == offsets.length) {
                                    offsets = Arrays.copyOf(offsets, chunks * 2);
                                    lines = Arrays.copyOf(lines, chunks * 2);
                                }
                                offsets[chunks] = pos + i;
                                lines[chunks] = line;
                                chunks++;
                            }
                            records++;
                        }
                    }
                    if (b == '"') {
                        quoted = !quoted;
                    }
                }
                pos += limit;
                buf.clear();
            }
            if (quoted) {
                throw new DataFormatException(source + " ends inside a quoted field (a \" is never closed); close"
                        + " the quote.");
            }
            if (records == 0) {
                throw new DataFormatException(source + " has a header but no data rows.");
            }
            return new CsvIndex(file, columns, delimiter, chunkRows, records, size, modified, offsets, lines, chunks);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("File not found: " + file + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file is still the one scanned (same size and time of change). */
    void checkUnchanged() {
        try {
            if (Files.size(file) != size || Files.getLastModifiedTime(file).toMillis() != modified) {
                throw new DataFormatException(file + " changed since it was opened for streaming; open it again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
