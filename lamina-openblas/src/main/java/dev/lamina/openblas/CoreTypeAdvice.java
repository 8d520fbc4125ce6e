package dev.lamina.openblas;

import dev.lamina.util.Warnings;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code OPENBLAS_CORETYPE} does to OpenBLAS on this CPU: whether it holds OpenBLAS back, and
 * whether it names kernels this CPU cannot run at all.
 *
 * <p>OpenBLAS reads that variable once, when its library loads, and then uses the named core's
 * kernels instead of the ones it would detect. Some machine images set it to {@code Haswell}
 * (AVX2); on a CPU with AVX-512 and full-width FMA units that halves the speed of every matrix
 * product, and a JVM cannot change its own environment to undo it. The fix is to start the JVM
 * without it ({@code env -u OPENBLAS_CORETYPE java ...}) or with an AVX-512 core
 * ({@code SkylakeX}, {@code Cooperlake}, {@code SapphireRapids}); the {@code lamina} launcher
 * removes it when the CPU has AVX-512.
 *
 * <p>OpenBLAS does not check that the CPU has the instructions of the core the variable names: with
 * {@code SkylakeX} on a CPU without AVX-512 (a Zen 3, say), the first matrix product stops the whole
 * JVM with an illegal-instruction signal. {@link #unusable} finds that case first, so that the
 * backend can refuse to start with a message instead.
 */
public final class CoreTypeAdvice {
    /** The environment variable OpenBLAS reads. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";
    /**
     * The {@code /proc/cpuinfo} flags of the instructions each core's kernels use beyond x86-64's
     * SSE2, by OpenBLAS's core name (lower case); cores not listed need nothing more. The
     * Bulldozer family's kernels are written with AMD's four-operand FMA4, which Zen dropped.
     */
    private static final Map<String, List<String>> NEEDS = Map.ofEntries(
            Map.entry("sandybridge", List.of("avx")),
            Map.entry("bulldozer", List.of("avx", "fma4")),
            Map.entry("piledriver", List.of("avx", "fma4")),
            Map.entry("steamroller", List.of("avx", "fma4")),
            Map.entry("excavator", List.of("avx", "fma4")),
            Map.entry("haswell", List.of("avx2", "fma")),
            Map.entry("zen", List.of("avx2", "fma")),
            Map.entry("skylakex", List.of("avx2", "fma", "avx512f")),
            Map.entry("cooperlake", List.of("avx2", "fma", "avx512f", "avx512_bf16")),
            Map.entry("sapphirerapids", List.of("avx2", "fma", "avx512f", "avx512_bf16")));
    private static final int MAX_CPUINFO_LINES = 4096;

    private CoreTypeAdvice() {}

    /**
     * The warning to give, if any, for a value of {@code OPENBLAS_CORETYPE} (null when unset) on a
     * CPU with the given feature flags (as in {@code /proc/cpuinfo}).
     */
    public static Optional<String> advice(String coreType, Set<String> cpuFlags) {
        if (coreType == null || coreType.isBlank() || !cpuFlags.contains("avx512f")) {
            return Optional.empty();
        }
        if (needs(coreType).contains("avx512f")) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + "=" + coreType.trim() + " makes OpenBLAS use kernels without AVX-512 on a CPU"
                + " that has it; on CPUs with full-width AVX-512 FMA units this halves the speed of matrix products."
                + " Start the JVM without it (env -u " + VARIABLE + " java ...) or set it to SkylakeX.");
    }

    /**
     * Why OpenBLAS cannot run on a CPU with the given feature flags (as in {@code /proc/cpuinfo}) when
     * {@code OPENBLAS_CORETYPE} has the given value (null when unset), if it cannot: the core it names
     * uses instructions the CPU lacks. Empty when the variable is unset, names a core OpenBLAS does not
     * know (it then ignores the variable), or when the flags are unknown (no {@code /proc/cpuinfo}).
     */
    public static Optional<String> unusable(String coreType, Set<String> cpuFlags) {
        if (coreType == null || coreType.isBlank() || cpuFlags.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = needs(coreType).stream()
                .filter(flag -> !cpuFlags.contains(flag))
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + "=" + coreType.trim() + " makes OpenBLAS run kernels with instructions this"
                + " CPU lacks (" + String.join(", ", missing) + "); its first matrix product would stop the JVM."
                + " Start the JVM without it (env -u " + VARIABLE + " java ...) or use the Java backend"
                + " (-Dlamina.backend=java).");
    }

    /** The CPU flags the named core's kernels need beyond SSE2; none for a core not listed. */
    private static List<String> needs(String coreType) {
        return NEEDS.getOrDefault(coreType.trim().toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * For this process's environment and CPU (read once): {@link #unusable}'s reason, if OpenBLAS
     * cannot run; otherwise logs {@link #advice}, if there is any, and returns empty.
     */
    static Optional<String> checkHere() {
        String coreType = System.getenv(VARIABLE);
        Set<String> flags = cpuFlags();
        Optional<String> refusal = unusable(coreType, flags);
        if (refusal.isEmpty()) {
            advice(coreType, flags).ifPresent(m -> Warnings.warn(OpenBlasBackend.class, m));
        }
        return refusal;
    }

    /** The first {@code flags} line of {@code /proc/cpuinfo}, or none where that file does not exist. */
    static Set<String> cpuFlags() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return Set.of();
        }
        try (BufferedReader r = Files.newBufferedReader(info, StandardCharsets.US_ASCII)) {
            String line;
            for (int i = 0; i < MAX_CPUINFO_LINES && (line = r.readLine()) != null; i++) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return Set.of();
    }
}
