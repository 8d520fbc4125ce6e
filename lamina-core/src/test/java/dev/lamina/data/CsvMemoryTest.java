package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.random.RandomStream;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a numeric CSV file straight into float32 peaks at no more than 2.5 times its float
 * matrix: a generated file of 1,000,000 rows x 10 columns (40 MB as float32, 80 MB as text) loads
 * in a JVM whose whole heap is 2.5 x 40 MB plus 16 MB for the JVM's own objects. Held as strings,
 * the same rows took about 13 times the file's size.
 */
class CsvMemoryTest {
    private static final int ROWS = 1_000_000;
    private static final int COLUMNS = 10;

    @Test
    void aNumericFileLoadsInTwoAndAHalfTimesItsFloatMatrix(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("numbers.csv");
        RandomStream r = new RandomStream(3, 0);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (int j = 0; j < COLUMNS - 1; j++) {
                w.write("x" + j + ",");
            }
            w.write("y\n");
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                row.setLength(0);
                for (int j = 0; j < COLUMNS; j++) {
                    row.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", r.nextGaussian() * 100));
                }
                w.write(row.append('\n').toString());
            }
        }
        long matrix = 4L * ROWS * COLUMNS;
        long heap = (long) (2.5 * matrix) + (16L << 20);
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + (heap >> 20) + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CsvMemoryMain.class.getName(), csv.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "heap " + (heap >> 20) + " MB, file " + (Files.size(csv) >> 20) + " MB: " + out);
        assertTrue(out.endsWith(ROWS + " x " + (COLUMNS - 1) + " + 1"), out);
    }
}
