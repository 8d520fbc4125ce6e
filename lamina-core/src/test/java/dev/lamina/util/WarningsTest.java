package dev.lamina.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Warnings reach the user with or without an SLF4J provider; the missing Vector API is one of them. */
class WarningsTest {
    private static final String VECTOR_WARNING = "The JVM runs without the Vector API module";

    private static String[] runInNewJvm(boolean withSlf4jProvider, String... options)
            throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> withSlf4jProvider || !e.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", classPath, WarningsMain.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertEquals("4.0", out.trim(), "the products still run");
        return new String[] {out, err};
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void withoutAnSlf4jProviderWarningsGoToStandardErrorAndTheMissingVectorApiIsNamedOnce()
            throws IOException, InterruptedException {
        String err = runInNewJvm(false)[1];
        assertTrue(err.contains("No SLF4J providers"), "the test really runs without a provider: " + err);
        assertEquals(1, count(err, VECTOR_WARNING), err);
        assertTrue(err.contains("--add-modules jdk.incubator.vector"), err);
        assertEquals(1, count(err, "WARN dev.lamina.util.WarningsMain - a warning of the application's"), err);
    }

    @Test
    void withAProviderWarningsGoThroughSlf4j() throws IOException, InterruptedException {
        String err = runInNewJvm(true)[1];
        assertTrue(!err.contains("No SLF4J providers"), err);
        assertEquals(1, count(err, VECTOR_WARNING), err);
        assertTrue(err.contains("WARN dev.lamina.tensor.VectorApi"), err);
    }

    @Test
    void noWarningWithTheVectorApiOrWhenPlainJavaIsAskedFor() throws IOException, InterruptedException {
        assertEquals(0, count(runInNewJvm(true, "--add-modules=jdk.incubator.vector")[1], VECTOR_WARNING));
        assertEquals(0, count(runInNewJvm(true, "-Dlamina.scalar=true")[1], VECTOR_WARNING));
    }
}
