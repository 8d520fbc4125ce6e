package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.ModelCheckpoint;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @Test
    void weightsAloneRoundTrip(@TempDir Path dir) throws Exception {
        Sequential a = Sequential.of(Input.of(3), Dense.of(4, "relu"), Dense.of(1)).seed(1);
        Sequential b = Sequential.of(Input.of(3), Dense.of(4, "relu"), Dense.of(1)).seed(2);
        b.weights();
        // Same architecture, other names: weights go by layer/weight names, so rename by saving b's layout.
        Path w = dir.resolve("w.safetensors");
        a.saveWeights(w);
        Sequential c = Sequential.load(saveAndReturn(a, dir));
        c.loadWeights(w);
        Tensor x = GradientCheck.input(5, 3, 3, 0);
        assertArrayEquals(a.predict(x).data(), c.predict(x).data());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> b.loadWeights(w));
        assertTrue(e.getMessage().contains("no tensor '"), e.getMessage());
    }

    private static Path saveAndReturn(Sequential m, Path dir) throws Exception {
        Path p = dir.resolve("model.lamina");
        m.save(p);
        return p;
    }

    @Test
    void modelCheckpointEveryEpochAndBestOnly(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(3), Dense.of(4, "tanh"), Dense.of(1)).seed(1);
        m.compile("adam", "mse");
        Tensor x = GradientCheck.input(40, 3, 1, 0);
        Tensor y = GradientCheck.input(40, 1, 2, 0);
        String every = dir.resolve("every/m-{epoch:02d}-{val_loss:.3f}.lamina").toString();
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best.lamina").toString()).saveBestOnly(true);
        var h = m.fit(x, y, FitOptions.defaults().epochs(3).validationSplit(0.25).verbose(0)
                .callbacks(new ModelCheckpoint(every), best));
        try (var files = Files.list(dir.resolve("every"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size());
            assertTrue(names.get(0).startsWith("m-01-") && names.get(2).startsWith("m-03-"), names.toString());
            assertTrue(names.get(2).endsWith(String.format(java.util.Locale.ROOT, "%.3f.lamina", h.last("val_loss"))));
        }
        assertTrue(Files.exists(dir.resolve("best.lamina")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(x, y, FitOptions.defaults().verbose(0).callbacks(new ModelCheckpoint("m-{acc}.lamina"))));
        assertTrue(e.getMessage().contains("uses {acc}, which is not logged"), e.getMessage());
    }
}
