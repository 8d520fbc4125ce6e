package dev.lamina.openblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreTypeAdviceTest {
    private static final Set<String> AVX512 = Set.of("fma", "avx2", "avx512f", "avx512bw");

    @Test
    void warnsWhenAnAvx2CoreIsForcedOnAnAvx512Cpu() {
        Optional<String> advice = CoreTypeAdvice.advice("Haswell", AVX512);
        assertTrue(advice.isPresent());
        assertTrue(advice.get().contains("OPENBLAS_CORETYPE=Haswell"), advice.get());
        assertTrue(advice.get().contains("env -u OPENBLAS_CORETYPE"), advice.get());
        assertTrue(CoreTypeAdvice.advice("zen", AVX512).isPresent());
    }

    @Test
    void staysQuietWhenUnsetOnAnAvx512CoreOrWithoutAvx512() {
        assertEquals(Optional.empty(), CoreTypeAdvice.advice(null, AVX512));
        assertEquals(Optional.empty(), CoreTypeAdvice.advice(" ", AVX512));
        assertEquals(Optional.empty(), CoreTypeAdvice.advice("SkylakeX", AVX512));
        assertEquals(Optional.empty(), CoreTypeAdvice.advice("COOPERLAKE", AVX512));
        assertEquals(Optional.empty(), CoreTypeAdvice.advice("Haswell", Set.of("fma", "avx2")));
    }

    @Test
    void readsThisMachinesFlagsOnX86Linux() {
        Set<String> flags = CoreTypeAdvice.cpuFlags();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/cpuinfo"))
                && System.getProperty("os.arch").matches("amd64|x86_64")) {
            assertTrue(flags.contains("fpu") || flags.contains("fp"), "flags read: " + flags.size());
        }
    }
}
