package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.models.ModelFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The crafted hostile files of {@code dev/lamina/io/hostile} (written by {@link HostileCorpus}):
 * each ends in a one-line {@link ModelFormatException} naming the problem, having allocated no more
 * than a few megabytes, whatever size its config declares.
 */
class HostileCorpusTest {
    private static Path folder() throws URISyntaxException {
        return Path.of(HostileCorpusTest.class.getResource("hostile").toURI());
    }

    @Test
    void everyCraftedFileIsRefusedInOneLineWithoutAllocatingWhatItDeclares() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder())) {
            files = s.filter(p -> p.toString().endsWith(".lamina")).sorted().toList();
        }
        assertEquals(HostileCorpus.cases().size(), files.size(), "the corpus is up to date with HostileCorpus");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (Path f : files) {
            long before = threads.getThreadAllocatedBytes(thread);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(f), f.toString());
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(allocated < 8L << 20, f.getFileName() + " allocated " + allocated + " bytes");
        }
    }

    @Test
    void messagesNameTheProblem() throws IOException, URISyntaxException {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("dense-30000-units-on-30000-inputs", "needs 900000000 values but only"),
                Map.entry("batch-shape-int-max", "at most 2147483647 elements"),
                Map.entry("units-overflowing-int", "'units'"),
                Map.entry("units-fractional", "'units'"),
                Map.entry("batch-shape-overflowing-int", "'batch_shape'"),
                Map.entry("preprocessing-two-targets-one-output", "2 targets [y, z] but the model has 1 outputs"),
                Map.entry("preprocessing-no-targets", "at least one target name"),
                Map.entry("preprocessing-scale-zero", "the scale positive"),
                Map.entry("preprocessing-duplicate-features", "feature name 'a' appears twice"),
                Map.entry("preprocessing-four-features-three-inputs", "4 features but the model takes 3 inputs"),
                Map.entry("preprocessing-scaler-of-two-columns", "fitted on 2 columns but there are 3 features"),
                Map.entry("weight-nan", "holds NaN at index 0"));
        for (Map.Entry<String, String> c : expected.entrySet()) {
            Path f = folder().resolve(c.getKey() + ".lamina");
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(f));
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + ": " + e.getMessage());
        }
    }
}
