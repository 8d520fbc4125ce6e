package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.random.RandomStream;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training streams a file larger than the heap: a generated CSV of 100 MB (about 770,000 rows of
 * 12 numbers, 37 MB as a float matrix, which loading in memory needs 2.5 times of) trains for an
 * epoch in a JVM whose whole heap is 64 MB, twice, to the same bits.
 */
class CsvStreamMemoryTest {
    private static final long BYTES = 100L << 20;

    @Test
    void aFileLargerThanTheHeapTrainsReproducibly(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("big.csv");
        RandomStream r = new RandomStream(8, 0);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,y\n");
            StringBuilder row = new StringBuilder();
            long written = 0;
            while (written < BYTES) {
                row.setLength(0);
                double y = 5.6;
                for (int j = 0; j < 11; j++) {
                    float v = (float) r.nextGaussian();
                    y += 0.3 * v * (j % 3 - 1);
                    row.append(v).append(',');
                }
                row.append((float) y).append('\n');
                w.write(row.toString());
                written += row.length();
            }
        }
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), CsvStreamMain.class.getName(),
                csv.toString(), "y", "1")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> weights = out.lines().filter(l -> l.startsWith("run ")).map(l -> l.replaceAll(".*weights ", ""))
                .toList();
        assertEquals(2, weights.size(), out);
        assertEquals(weights.get(0), weights.get(1), "two runs with one seed differ: " + out);
    }
}
