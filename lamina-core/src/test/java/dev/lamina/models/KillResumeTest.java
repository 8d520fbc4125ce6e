package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.random.RandomStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of training, then a restart: the resumed run ends bit-identical
 * (weights, optimizer state, history) to an uninterrupted run in another JVM.
 */
class KillResumeTest {
    private static Process start(Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ResumeMain.class.getName(), dir.toString(), "3"))
                .redirectErrorStream(true).start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void killedAndRestartedRunsMatchTheUninterruptedOne(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        String expected = finish(start(dir.resolve("straight")));
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        RandomStream r = new RandomStream(11, 0);
        for (int k = 0; k < 3; k++) {
            Path d = dir.resolve("killed" + k);
            Process p = start(d);
            // Kill somewhere between JVM start-up and the end of training.
            Thread.sleep(400 + r.nextInt((int) Math.max(1, runMillis - 600)));
            p.destroyForcibly();
            p.waitFor();
            boolean hadBackup = Files.exists(d.resolve("backup.lamina"));
            assertEquals(expected, finish(start(d)), "run " + k + " (backup existed: " + hadBackup + ")");
        }
    }
}
