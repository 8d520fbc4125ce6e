package dev.lamina.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoreToCoreTest {
    @Test
    void roundTripIsAPlausibleTimeOrNaNOnOneProcessor() {
        double ns = CoreToCore.roundTripNanos();
        if (Runtime.getRuntime().availableProcessors() < 2) {
            assertTrue(Double.isNaN(ns), "one processor gives NaN, got " + ns);
        } else {
            // A hand-off through memory takes some nanoseconds; a broken measurement gives 0, a
            // negative or a non-finite number, or a stuck thread.
            assertTrue(ns > 1 && ns < 1_000_000, "round trip " + ns + " ns");
        }
    }
}
