package dev.lamina.io;

import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the golden file of the current format version ({@code golden/vN/model.lamina}) with the
 * predictions it must keep giving. Run once per released format version and commit the output:
 * {@code java -cp ... dev.lamina.io.GoldenFiles lamina-core/src/test/resources/golden/v1}.
 */
public final class GoldenFiles {
    private GoldenFiles() {}

    /** The input rows the golden predictions are for. */
    static Tensor inputs() {
        return GradientCheck.input(7, 6, 2026, 0);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Sequential m = ModelFilesTest.everyLayer(11);
        m.save(dir.resolve("model.lamina"));
        m.setPreprocessing(null); // the network's own predictions, as GoldenFilesTest compares them
        Tensor p = m.predict(inputs());
        StringBuilder sb = new StringBuilder();
        for (float v : p.data()) {
            sb.append(Integer.toHexString(Float.floatToRawIntBits(v))).append('\n');
        }
        Files.writeString(dir.resolve("expected-predictions.txt"), sb.toString(), StandardCharsets.UTF_8);
    }
}
