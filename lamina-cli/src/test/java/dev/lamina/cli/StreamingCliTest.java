package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lamina train --stream} trains as loading does when neither shuffles, and
 * {@code lamina evaluate} on a file over half the heap streams it to the numbers loading gives.
 */
class StreamingCliTest {
    private static Path csv(Path dir, int rows) throws Exception {
        Path csv = dir.resolve("rows" + rows + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.format(Locale.ROOT, "%d.25,%d.5,%d,%d%n", i % 1009, i % 97, i % 13, i % 7));
            }
        }
        return csv;
    }

    @Test
    void streamedTrainingWithoutShufflingSavesTheModelLoadedTrainingSaves(@TempDir Path dir) throws Exception {
        Path data = csv(dir, 5_000);
        Path loaded = dir.resolve("loaded.lamina");
        Path streamed = dir.resolve("streamed.lamina");
        for (Path model : List.of(loaded, streamed)) {
            String[] r = TrainPredictTest.run(model == streamed ? new String[] {"train", "--data", data.toString(),
                    "--target", "y", "--layers", "dense(8, relu) dense(1)", "--epochs", "2", "--no-shuffle",
                    "--validation-split", "0.2", "--split", "last", "--save", model.toString(), "--stream"}
                    : new String[] {"train", "--data", data.toString(), "--target", "y", "--layers",
                    "dense(8, relu) dense(1)", "--epochs", "2", "--no-shuffle", "--validation-split", "0.2",
                    "--split", "last", "--save", model.toString()});
            assertEquals("0", r[0], r[2]);
        }
        String[] a = TrainPredictTest.run("predict", "--model", loaded.toString(), "--data", data.toString());
        String[] b = TrainPredictTest.run("predict", "--model", streamed.toString(), "--data", data.toString());
        assertEquals(a[1], b[1], "the two models predict differently");
    }

    @Test
    void evaluateStreamsAFileOverHalfTheHeapToTheSameNumbers(@TempDir Path dir) throws Exception {
        Path data = csv(dir, 1_200_000); // about 30 MB, over half of a 48 MB heap
        Path model = dir.resolve("m.lamina");
        String[] t = TrainPredictTest.run("train", "--data", data.toString(), "--target", "y", "--layers", "dense(1)",
                "--epochs", "1", "--batch-size", "4096", "--validation-split", "0", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        String inMemory = TrainPredictTest.run("evaluate", "--model", model.toString(), "--data", data.toString())[1];
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "evaluate", "--model",
                model.toString(), "--data", data.toString())).redirectError(dir.resolve("err.txt").toFile()).start();
        String streamed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        assertTrue(inMemory.startsWith("1200000 rows - loss: "), inMemory);
        assertEquals(inMemory, streamed);
    }
}
