package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saves a 50 MB model in a loop and is killed with SIGKILL at 20 random moments; after
 * each kill the file on disk loads (checksums pass) and is one of the complete saves.
 */
class CrashSafeSaveTest {
    @Test
    void killedSavesLeaveACompleteFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.lamina");
        float[] base = SaveLoopMain.model().weights().get(0).value().data();
        RandomStream r = new RandomStream(3, 0);
        String java = ProcessHandle.current().info().command().orElse("java");
        int kills = 0;
        while (kills < 20) {
            Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    SaveLoopMain.class.getName(), file.toString())).redirectErrorStream(true).start();
            AtomicInteger lastSaved = new AtomicInteger(-1);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("saved ")) {
                            lastSaved.set(Integer.parseInt(line.substring(6)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child was killed
                }
            });
            reader.start();
            // Wait for the first complete save, then kill at a random moment of a later one.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (lastSaved.get() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(r.nextInt(700));
            p.destroyForcibly();
            p.waitFor();
            reader.join();
            int saved = lastSaved.get();
            assertTrue(saved >= 0, "the child never completed a save");
            Sequential loaded = Sequential.load(file);
            float[] k = loaded.weights().get(0).value().data();
            int n = (int) k[0];
            assertTrue(n == saved || n == saved + 1, "file holds save " + n + ", last completed " + saved);
            float[] expected = base.clone();
            expected[0] = n;
            assertArrayEquals(expected, k, "kill " + kills);
            kills++;
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(f -> f.getFileName().toString().equals("big.lamina")
                    || f.getFileName().toString().endsWith(".tmp")), "only the model and stale temporary files");
        }
    }
}
