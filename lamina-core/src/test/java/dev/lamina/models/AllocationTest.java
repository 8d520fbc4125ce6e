package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training steps allocate nothing once warmed up (see {@link AllocationMain}), measured in a JVM of
 * its own, as an application's: in the test JVM, after some forty other test classes, C2 now and
 * then compiled a Vector API kernel (VectorReluGradient) without intrinsics, so that every vector was
 * boxed (seen with JFR's allocation samples); what is measured there is that JVM's history rather
 * than the training step.
 */
class AllocationTest {
    @Test
    void steadyStateStepsDoNotAllocate() throws Exception {
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                AllocationMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.startsWith("bytes per step ")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        double perStep = Double.parseDouble(line.split(" ")[3]);
        assertTrue(perStep < 8, "bytes allocated per training step: " + line.substring(15));
    }
}
