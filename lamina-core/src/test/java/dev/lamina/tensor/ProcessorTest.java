package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the processor from cpuinfo, and the GEMM tile chosen from it. */
class ProcessorTest {
    private static final Processor ZEN4 = new Processor("AuthenticAMD", 25);
    private static final Processor ZEN5 = new Processor("AuthenticAMD", 26);
    private static final Processor XEON = new Processor("GenuineIntel", 6);

    @Test
    void readsTheFirstProcessorOfARealZen4File() throws URISyntaxException {
        Path file = Path.of(ProcessorTest.class.getResource("cpuinfo-zen4.txt").toURI());
        Processor p = Processor.read(file);
        assertEquals(ZEN4, p);
        assertTrue(p.splitsWideFmas());
        assertEquals("AuthenticAMD family 25", p.toString());
    }

    @Test
    void stopsAtTheFirstBlankLine() throws IOException {
        String text = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n\n"
                + "processor\t: 1\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\n";
        assertEquals(XEON, Processor.parse(new StringReader(text)));
    }

    @Test
    void anUnreadableOrOddFileIsUnknown(@TempDir Path dir) throws IOException {
        Processor missing = Processor.read(dir.resolve("cpuinfo"));
        assertEquals("unknown processor", missing.toString());
        assertFalse(missing.splitsWideFmas());
        Processor odd = Processor.parse(new StringReader("vendor_id: AuthenticAMD\ncpu family : 0x19\nflags\n"));
        assertEquals(new Processor("AuthenticAMD", -1), odd);
        assertFalse(odd.splitsWideFmas());
    }

    @Test
    void onlyZen4SplitsWideFmas() {
        assertTrue(ZEN4.splitsWideFmas());
        assertFalse(ZEN5.splitsWideFmas());
        assertFalse(XEON.splitsWideFmas());
        assertFalse(new Processor("GenuineIntel", 25).splitsWideFmas());
    }

    @Test
    void theTileFollowsTheFmaWidthUnlessRequested() {
        assertEquals(VectorKernel.Tile.ROWS_4_BY_3_VECTORS, VectorKernel.Tile.choose(512, ZEN4, null));
        assertEquals(VectorKernel.Tile.ROWS_6_BY_4_VECTORS, VectorKernel.Tile.choose(512, ZEN5, null));
        assertEquals(VectorKernel.Tile.ROWS_6_BY_4_VECTORS, VectorKernel.Tile.choose(512, XEON, null));
        assertEquals(VectorKernel.Tile.ROWS_6_BY_4_VECTORS, VectorKernel.Tile.choose(512, ZEN4, "6x4"));
        assertEquals(VectorKernel.Tile.ROWS_4_BY_3_VECTORS, VectorKernel.Tile.choose(512, ZEN5, "4x3"));
        assertEquals(VectorKernel.Tile.ROWS_6_BY_4_VECTORS, VectorKernel.Tile.choose(512, ZEN5, "8x8"));
        assertEquals(VectorKernel.Tile.ROWS_6_BY_2_VECTORS, VectorKernel.Tile.choose(512, ZEN4, "6x2"));
        for (String requested : new String[] {null, "3x3", "6x4", "8x8"}) {
            assertEquals(VectorKernel.Tile.ROWS_3_BY_3_VECTORS, VectorKernel.Tile.choose(256, ZEN5, requested),
                    "24 accumulators do not fit the 16 registers of AVX2, and 4 x 3's 12 leave too few");
        }
        assertEquals(VectorKernel.Tile.ROWS_3_BY_3_VECTORS, VectorKernel.Tile.choose(512, ZEN4, "3x3"));
        assertEquals(VectorKernel.Tile.ROWS_6_BY_2_VECTORS, VectorKernel.Tile.choose(256, ZEN5, "6x2"));
        assertEquals(VectorKernel.Tile.ROWS_4_BY_3_VECTORS, VectorKernel.Tile.choose(256, ZEN4, "4x3"));
    }
}
