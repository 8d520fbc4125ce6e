package dev.lamina.openblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreTypeAdviceTest {
    private static final Set<String> AVX512 = Set.of("fma", "avx2", "avx512f", "avx512bw", "avx");

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
    void findsCoresWhoseInstructionsTheCpuLacks() {
        Set<String> zen3 = Set.of("sse2", "avx", "avx2", "fma");
        Optional<String> refusal = CoreTypeAdvice.unusable("SkylakeX", zen3);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().startsWith("OPENBLAS_CORETYPE=SkylakeX "), refusal.get());
        assertTrue(refusal.get().contains("(avx512f)"), refusal.get());
        assertTrue(refusal.get().contains("env -u OPENBLAS_CORETYPE"), refusal.get());
        assertTrue(CoreTypeAdvice.unusable("sapphirerapids", AVX512).get().contains("avx512_bf16"));
        assertTrue(CoreTypeAdvice.unusable("Bulldozer", AVX512).get().contains("fma4"));
        assertTrue(CoreTypeAdvice.unusable("Haswell", Set.of("sse2", "avx")).get().contains("avx2, fma"));
    }

    @Test
    void letsRunnableUnknownAndUnsetCoresThrough() {
        Set<String> zen3 = Set.of("sse2", "avx", "avx2", "fma");
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable("Haswell", zen3));
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable(" zen ", zen3));
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable("Prescott", zen3));
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable("NoSuchCore", zen3));
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable(null, zen3));
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable("SkylakeX", AVX512));
        assertEquals(Optional.empty(), CoreTypeAdvice.unusable("SkylakeX", Set.of()), "flags unknown");
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
