package dev.lamina.openblas;

import dev.lamina.util.Warnings;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code OPENBLAS_CORETYPE} holds OpenBLAS back on this CPU.
 *
 * <p>OpenBLAS reads that variable once, when its library loads, and then uses the named core's
 * kernels instead of the ones it would detect. Some machine images set it to {@code Haswell}
 * (AVX2); on a CPU with AVX-512 and full-width FMA units that halves the speed of every matrix
 * product, and a JVM cannot change its own environment to undo it. The fix is to start the JVM
 * without it ({@code env -u OPENBLAS_CORETYPE java ...}) or with an AVX-512 core
 * ({@code SkylakeX}, {@code Cooperlake}, {@code SapphireRapids}); the {@code lamina} launcher
 * removes it when the CPU has AVX-512.
 */
public final class CoreTypeAdvice {
    /** The environment variable OpenBLAS reads. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";
    private static final Set<String> AVX512_CORES = Set.of("skylakex", "cooperlake", "sapphirerapids");
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
        if (AVX512_CORES.contains(coreType.trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + "=" + coreType.trim() + " makes OpenBLAS use kernels without AVX-512 on a CPU"
                + " that has it; on CPUs with full-width AVX-512 FMA units this halves the speed of matrix products."
                + " Start the JVM without it (env -u " + VARIABLE + " java ...) or set it to SkylakeX.");
    }

    /** Logs {@link #advice} for this process's environment and CPU, if there is any. */
    static void logIfNeeded() {
        advice(System.getenv(VARIABLE), cpuFlags()).ifPresent(m -> Warnings.warn(OpenBlasBackend.class, m));
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
