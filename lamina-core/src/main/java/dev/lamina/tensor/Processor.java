package dev.lamina.tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The processor the JVM runs on, as far as the choice of GEMM tile needs it: its vendor and CPUID
 * family, read from the first processor of {@code /proc/cpuinfo} (Linux); elsewhere unknown. The
 * Vector API reports the vector width but not how many 512-bit FMAs a core completes per cycle,
 * which decides the tile: BLIS and OpenBLAS pick their kernels by the same identification.
 *
 * @param vendor the {@code vendor_id} ({@code AuthenticAMD}, {@code GenuineIntel}), or empty if unknown
 * @param family the {@code cpu family}, or -1 if unknown
 */
record Processor(String vendor, int family) {
    /** Lines read at most: the first processor's block is about 30. */
    private static final int MAX_LINES = 200;
    private static final Processor UNKNOWN = new Processor("", -1);

    /** This machine's, read once. */
    static Processor current() {
        return Current.PROCESSOR;
    }

    /** The first processor block of a cpuinfo file; unknown if it cannot be read. */
    static Processor read(Path cpuinfo) {
        try (BufferedReader in = Files.newBufferedReader(cpuinfo, StandardCharsets.ISO_8859_1)) {
            return parse(in);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The vendor and family from the text of a cpuinfo file, up to its first blank line. */
    static Processor parse(Reader text) throws IOException {
        BufferedReader in = text instanceof BufferedReader ? (BufferedReader) text : new BufferedReader(text);
        String vendor = "";
        int family = -1;
        String line;
        for (int n = 0; n < MAX_LINES && (line = in.readLine()) != null && !line.isBlank(); n++) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("vendor_id")) {
                vendor = value;
            } else if (key.equals("cpu family")) {
                try {
                    family = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    family = -1;
                }
            }
        }
        return new Processor(vendor, family);
    }

    /**
     * Whether the cores execute a 512-bit FMA as two 256-bit halves, one a cycle: AMD's family 25
     * (0x19), whose AVX-512 parts are Zen 4. Zen 5 (family 26) and Intel's server cores complete
     * two full-width FMAs a cycle. Zen 5's laptop parts also split them but report family 26; they
     * get the wide tile, which ran within a few percent of 4 x 3 on a Zen 4 core.
     */
    boolean splitsWideFmas() {
        return vendor.equals("AuthenticAMD") && family == 25;
    }

    @Override
    public String toString() {
        return vendor.isEmpty() ? "unknown processor" : vendor + " family " + family;
    }

    /** Holder, so that the file is read only when a kernel is first chosen. */
    private static final class Current {
        static final Processor PROCESSOR = read(Path.of("/proc/cpuinfo"));
    }
}
