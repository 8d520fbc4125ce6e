package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training steps allocate nothing once warmed up (see {@link AllocationMain}), measured in a JVM of
 * its own, as an application's: in the test JVM, after some forty other test classes, C2 now and
 * then compiled a Vector API kernel (VectorReluGradient) without intrinsics, so that every vector was
 * boxed (seen with JFR's allocation samples); what is measured there is that JVM's history rather
 * than the training step.
 */
class AllocationTest {
    /** With each GEMM tile, whichever this machine's processor would choose (6 x 4 with 512-bit vectors only). */
    @ParameterizedTest
    @ValueSource(strings = {"4x3", "3x3", "6x2", "6x4"})
    void steadyStateStepsDoNotAllocate(String tile) throws Exception {
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules=jdk.incubator.vector", "-Dlamina.gemm.tile=" + tile, "-cp",
                System.getProperty("java.class.path"), AllocationMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.startsWith("bytes per step ")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        double perStep = Double.parseDouble(line.split(" ")[3]);
        assertTrue(perStep < 8, tile + " tile: bytes allocated per training step: " + line.substring(15));
    }
}
