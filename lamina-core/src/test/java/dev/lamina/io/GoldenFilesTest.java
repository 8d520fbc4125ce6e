package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files written by every released format version stay loadable and give the same predictions. */
class GoldenFilesTest {
    @Test
    void version1() throws Exception {
        Path dir = Path.of(GoldenFilesTest.class.getResource("/golden/v1/model.lamina").toURI()).getParent();
        Sequential m = Sequential.load(dir.resolve("model.lamina"));
        List<String> expected = Files.readAllLines(dir.resolve("expected-predictions.txt"));
        // The golden predictions are the network's own, for rows already preprocessed: compare the
        // network alone (the model applies its loaded preprocessing to raw rows, see PreprocessingTest).
        Preprocessing loaded = m.preprocessing();
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), loaded.features());
        assertEquals(6, ((List<?>) loaded.featureScaler().state().get("offset")).size());
        m.setPreprocessing(null);
        float[] p = m.predict(GoldenFiles.inputs()).data();
        assertEquals(expected.size(), p.length);
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected.get(i), Integer.toHexString(Float.floatToRawIntBits(p[i])), "prediction " + i);
        }
        assertEquals(Files.size(dir.resolve("model.lamina")) > 0, m.optimizer().iterations() > 0);
    }
}
