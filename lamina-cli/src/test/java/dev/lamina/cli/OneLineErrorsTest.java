package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure of the command, errors of the JVM included, ends in one line on standard error. */
class OneLineErrorsTest {
    @Test
    void runningOutOfHeapNamesTheHeapAndTheSetting(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,c,d,e,f,g,h,y\n");
            for (int i = 0; i < 300_000; i++) {
                w.write(String.format(Locale.ROOT, "%d.25,%d.5,1,2,3,4,5,6,%d%n", i, i % 97, i % 7));
            }
        }
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--data", csv.toString(),
                "--target", "y", "--layers", "dense(8, relu) dense(1)", "--epochs", "1"))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8).trim();
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("lamina: out of memory: the JVM's heap is "), err);
        assertTrue(err.contains("LAMINA_JAVA_OPTS=-Xmx"), err);
    }

    @Test
    void messagesWithLineBreaksAndErrorsWithoutMessagesGiveOneLine() {
        assertEquals("bad thing at line 3", Main.message(new IllegalStateException("bad thing\n   at line 3")));
        assertTrue(Main.message(new StackOverflowError()).startsWith("internal error: java.lang.StackOverflowError"));
        assertEquals("NullPointerException", Main.message(new NullPointerException()));
    }
}
