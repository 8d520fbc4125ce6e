package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves are canonical: the same model, trained with the same seed in two separate JVMs (whose
 * {@code Map.of} orders and hash seeds differ), is saved as the same bytes.
 */
class CanonicalSaveTest {
    private static void saveInNewJvm(Path file) throws Exception {
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                CanonicalSaveMain.class.getName(), file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void twoJvmsSaveTheSameModelAsTheSameBytes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.lamina");
        Path b = dir.resolve("b.lamina");
        saveInNewJvm(a);
        saveInNewJvm(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
