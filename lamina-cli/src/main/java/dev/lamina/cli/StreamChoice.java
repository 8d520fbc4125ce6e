package dev.lamina.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a CSV file should be streamed rather than loaded: when loading it (about 2.5 times its
 * float matrix at the peak) would take more than half the heap. The matrix is estimated from the
 * file's size and the rows and columns of its first megabyte, so that a file of short rows (few
 * bytes of text per float) streams as well as one of long rows.
 */
final class StreamChoice {
    private static final int SAMPLE = 1 << 20;

    private StreamChoice() {}

    /** Whether to stream {@code file} in a JVM with this heap. */
    static boolean overHeap(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false; // the loader names what is missing
        }
        long heap = Runtime.getRuntime().maxMemory();
        long size = Files.size(file);
        if (size < heap / 32) {
            return false;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE);
        }
        int lines = 0;
        int commas = 0;
        for (byte b : head) {
            lines += b == '\n' ? 1 : 0;
            commas += b == ',' || b == ';' || b == '\t' ? 1 : 0;
        }
        if (lines < 2) {
            return size > heap / 2;
        }
        double valuesPerRow = (double) commas / lines + 1;
        double rows = (double) size / head.length * lines;
        double matrix = rows * valuesPerRow * Float.BYTES;
        return 2.5 * matrix > heap / 2.0;
    }
}
