package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure of the command, errors of the JVM included, ends in one line on standard error. */
class OneLineErrorsTest {
    /** Runs the command in a JVM with a 48 MB heap; returns its exit code and its lines from Lamina. */
    private static Object[] runWithSmallHeap(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx48m",
                "-Dlamina.scalar=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        List<String> lines = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        return new Object[] {p.exitValue(), lines};
    }

    private static Path csv(Path dir, int rows) throws Exception {
        Path csv = dir.resolve("data" + rows + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,c,d,e,f,g,h,y\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.format(Locale.ROOT, "%d.25,%d.5,1,2,3,4,5,6,%d%n", i, i % 97, i % 7));
            }
        }
        return csv;
    }

    @Test
    @SuppressWarnings("unchecked")
    void runningOutOfHeapNamesTheHeapAndTheSetting(@TempDir Path dir) throws Exception {
        Object[] r = runWithSmallHeap(dir, "train", "--data", csv(dir, 100).toString(), "--target", "y", "--layers",
                "dense(20000, relu) dense(20000, relu) dense(1)", "--epochs", "1");
        List<String> err = (List<String>) r[1];
        assertEquals(1, r[0], err.toString());
        assertEquals(1, err.size(), err.toString());
        assertTrue(err.get(0).startsWith("lamina: out of memory: the JVM's heap is "), err.get(0));
        assertTrue(err.get(0).contains("LAMINA_JAVA_OPTS=-Xmx"), err.get(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileOverHalfTheHeapIsStreamedAndTrains(@TempDir Path dir) throws Exception {
        Object[] r = runWithSmallHeap(dir, "train", "--data", csv(dir, 1_500_000).toString(), "--target", "y",
                "--layers", "dense(1)", "--epochs", "1", "--batch-size", "1024");
        List<String> err = (List<String>) r[1];
        assertEquals(0, r[0], err.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileLargerThanTheHeapIsNamedBeforeTheHeapRunsOut(@TempDir Path dir) throws Exception {
        // --drop-missing needs the rows in memory, so the file is loaded rather than streamed.
        Object[] r = runWithSmallHeap(dir, "train", "--data", csv(dir, 1_500_000).toString(), "--target", "y",
                "--layers", "dense(1)", "--epochs", "1", "--drop-missing");
        List<String> err = (List<String>) r[1];
        assertEquals(1, r[0], err.toString());
        assertEquals(1, err.size(), err.toString());
        String line = err.get(0);
        assertTrue(line.startsWith("lamina: " + dir.resolve("data1500000.csv")) && line.contains("heap (48 MB)")
                && line.contains("-Xmx"), line);
    }

    @Test
    void messagesWithLineBreaksAndErrorsWithoutMessagesGiveOneLine() {
        assertEquals("bad thing at line 3", Main.message(new IllegalStateException("bad thing\n   at line 3")));
        assertTrue(Main.message(new StackOverflowError()).startsWith("internal error: java.lang.StackOverflowError"));
        assertEquals("NullPointerException", Main.message(new NullPointerException()));
    }
}
