package dev.lamina.openblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With {@code OPENBLAS_CORETYPE} naming a core whose instructions this CPU lacks, OpenBLAS would
 * stop the JVM at its first product (illegal instruction). In a JVM started so, the backend refuses
 * to start instead: naming it fails with the reason, and the default choice falls back to Java.
 */
class UnrunnableCoreTypeTest {
    /** A core this machine cannot run, if there is one among OpenBLAS's x86-64 cores. */
    private static Optional<String> unrunnableCore() {
        Set<String> flags = CoreTypeAdvice.cpuFlags();
        return List.of("SkylakeX", "Bulldozer", "Cooperlake", "Haswell").stream()
                .filter(core -> CoreTypeAdvice.unusable(core, flags).isPresent())
                .findFirst();
    }

    private static String[] run(String core, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChooseBackendMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put(CoreTypeAdvice.VARIABLE, core);
        env.remove("OPENBLAS_L2_SIZE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.waitFor()), out.trim(), err};
    }

    @Test
    void namingTheBackendFailsWithTheReasonInsteadOfAnIllegalInstruction() throws Exception {
        Optional<String> core = unrunnableCore();
        assumeTrue(core.isPresent(), "this CPU runs every core tried");
        String[] r = run(core.get(), "-Dlamina.backend=openblas");
        assertEquals("3", r[0], "exit status; stdout " + r[1] + "; stderr " + r[2]);
        assertTrue(r[1].startsWith("refused: Backend 'openblas'"), r[1]);
        assertTrue(r[1].contains("OPENBLAS_CORETYPE=" + core.get()), r[1]);
        assertTrue(r[1].contains("env -u OPENBLAS_CORETYPE"), r[1]);
        assertEquals(1, r[1].lines().count(), "one line: " + r[1]);
    }

    @Test
    void theDefaultChoiceWarnsAndRunsOnJava() throws Exception {
        Optional<String> core = unrunnableCore();
        assumeTrue(core.isPresent(), "this CPU runs every core tried");
        String[] r = run(core.get());
        assertEquals("0", r[0], "exit status; stderr " + r[2]);
        assertEquals("java 11.0", r[1]);
        assertTrue(r[2].contains("OpenBlasBackend did not start: OPENBLAS_CORETYPE=" + core.get()), r[2]);
        assertTrue(r[2].contains("Using the 'java' backend."), r[2]);
    }
}
