package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One seed gives bit-identical weights: twice in one JVM, in other JVMs, with another thread count,
 * without the Vector API and at any vector width (the Java backend's promise).
 */
class DeterminismTest {
    @Test
    void sameSeedSameWeightsInOneJvm() {
        String a = DeterminismMain.trainAndHash(5);
        String b = DeterminismMain.trainAndHash(5);
        assertEquals(a, b);
        assertNotEquals(a, DeterminismMain.trainAndHash(6));
    }

    @Test
    void sameSeedSameWeightsInOtherJvmsWithOneOrThreeThreadsWithAndWithoutTheVectorApi()
            throws IOException, InterruptedException {
        String here = DeterminismMain.trainAndHash(5);
        assertEquals(here, runInNewJvm("--add-modules=jdk.incubator.vector", "-Dlamina.threads=1"));
        assertEquals(here, runInNewJvm("--add-modules=jdk.incubator.vector", "-Dlamina.threads=3"));
        // Without the module the plain-Java kernel runs, with the same order of fused multiply-adds.
        assertEquals(here, runInNewJvm("-Dlamina.threads=2"));
    }

    @Test
    void sameSeedSameWeightsAtAnyVectorWidth() throws IOException, InterruptedException {
        String here = DeterminismMain.trainAndHash(5);
        // 256-bit vectors, as on a CPU with AVX2 and no AVX-512, and 128-bit ones, as with SSE or NEON.
        assertEquals(here, runInNewJvm("--add-modules=jdk.incubator.vector", "-XX:UseAVX=2"));
        assertEquals(here, runInNewJvm("--add-modules=jdk.incubator.vector", "-XX:MaxVectorSize=16"));
    }

    private static String runInNewJvm(String... options) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DeterminismMain.class.getName(), "5"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }
}
