package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 10,000 semantic mutations of a model file with the manifest recomputed (an attacker can), loaded
 * in a JVM with a 512 MB heap: each ends in a one-line {@link ModelFormatException} or in a model
 * that predicts, with bounded allocation and time (see {@link SemanticMutationMain}).
 */
class SemanticMutationTest {
    /** Mutations per run: 10,000 unless {@code -Dlamina.fuzz.count} says otherwise (for longer searches). */
    private static final int COUNT = Integer.getInteger("lamina.fuzz.count", 10_000);
    /** The mutations' seed: CI's run is the same every time; {@code -Dlamina.fuzz.seed} explores others. */
    private static final long SEED = Long.getLong("lamina.fuzz.seed", 1);

    @Test
    void tenThousandMutationsWithTheManifestRecomputedUnderA512MbHeap() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "--add-modules=jdk.incubator.vector", "-Dlamina.threads=1", "-cp",
                System.getProperty("java.class.path"), SemanticMutationMain.class.getName(), Integer.toString(COUNT), Long.toString(SEED)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String last = out.lines().filter(l -> l.startsWith("mutations ")).findFirst().orElseThrow(() ->
                new AssertionError(out));
        String[] f = last.split(" ");
        assertEquals(COUNT, Integer.parseInt(f[1]));
        System.out.println(last);
        int refused = Integer.parseInt(f[3]);
        assertTrue(refused > COUNT / 10, "hostile values are refused: " + last);
    }
}
