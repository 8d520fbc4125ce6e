package dev.lamina.cli;

import dev.lamina.layers.registry.LayerSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.data.CsvReader;
import dev.lamina.data.Dataset;
import dev.lamina.data.TableToDataset;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPredictTest {
    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static Path wine(Path dir) throws Exception {
        Path p = dir.resolve("wine.csv");
        try (var in = BundledData.class.getResourceAsStream("datasets/red-wine.csv")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void versionNamesTheJavaRuntimeAndTheMatrixKernel() {
        String[] r = run("--version");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\\R");
        assertEquals(2, lines.length, r[1]);
        assertTrue(lines[0].startsWith("lamina "), lines[0]);
        assertTrue(lines[1].startsWith("Java " + System.getProperty("java.version") + " ("), lines[1]);
        assertTrue(lines[1].endsWith("matrix kernel " + JavaBackend.kernelName()), lines[1]);
    }

    @Test
    void trainThenPredictAndEvaluateOnRawRows(@TempDir Path dir) throws Exception {
        Path data = wine(dir);
        Path model = dir.resolve("m.lamina");
        String[] t = run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(32, relu) batchnorm dense(1)", "--epochs", "3", "--batch-size", "64", "--metrics", "mae",
                "--save", model.toString(), "--history", dir.resolve("h.csv").toString(), "--plot",
                dir.resolve("c.png").toString());
        assertEquals("0", t[0], t[2]);
        assertTrue(Files.size(dir.resolve("c.png")) > 1000);
        assertEquals(4, Files.readAllLines(dir.resolve("h.csv")).size());
        Path preds = dir.resolve("p.csv");
        String[] p = run("predict", "--model", model.toString(), "--data", data.toString(), "--output", preds.toString());
        assertEquals("0", p[0], p[2]);
        List<String> lines = Files.readAllLines(preds);
        assertEquals("quality", lines.get(0));
        assertEquals(1600, lines.size());
        // In process: the loaded model applies its saved scaler to the raw rows itself.
        Sequential m = Sequential.load(model);
        Dataset d = TableToDataset.of(CsvReader.read(data)).target("quality").build();
        Tensor expected = m.predict(d.x());
        for (int i = 0; i < 1599; i++) {
            assertEquals(expected.data()[i], Float.parseFloat(lines.get(i + 1)), 0f, "row " + i);
        }
        String[] e = run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals("0", e[0], e[2]);
        double loss = m.evaluate(d.x(), d.y()).get("loss");
        assertTrue(e[1].contains(String.format(java.util.Locale.ROOT, "loss: %.6f", loss)), e[1]);
        String[] mc = run("predict", "--model", model.toString(), "--data", data.toString(), "--mc-samples", "5");
        assertTrue(mc[1].startsWith("quality,quality_std\n"), mc[1].substring(0, 40));
    }

    @Test
    void badInputGivesOneClearLineAndExitCode(@TempDir Path dir) throws Exception {
        Path data = wine(dir);
        String[] missing = run("train", "--data", dir.resolve("nope.csv").toString(), "--target", "quality",
                "--layers", "dense(1)");
        assertEquals("1", missing[0]);
        assertTrue(missing[2].startsWith("lamina: File not found: "), missing[2]);
        assertEquals(1, missing[2].trim().lines().count());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertTrue(run("train", "--data", empty.toString(), "--target", "q", "--layers", "dense(1)")[2]
                .contains("is empty"));
        Path header = Files.writeString(dir.resolve("header.csv"), "a,b\n");
        assertTrue(run("train", "--data", header.toString(), "--target", "b", "--layers", "dense(1)")[2]
                .contains("has a header but no data rows"));
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,2\n3\n");
        assertTrue(run("train", "--data", ragged.toString(), "--target", "b", "--layers", "dense(1)")[2]
                .contains("line 3 has 1 fields"));
        // Text in a column makes it categorical; a column said to be numeric names the cell that is not.
        Path text = Files.writeString(dir.resolve("text.csv"), "a,b\n1,2\nx,3\n");
        assertTrue(run("train", "--data", text.toString(), "--target", "b", "--layers", "dense(1)", "--numeric", "a",
                "--validation-split", "0")[2].contains("line 3, column 'a': \"x\" is not a number"));
        String[] unknownTarget = run("train", "--data", data.toString(), "--target", "score", "--layers", "dense(1)");
        assertTrue(unknownTarget[2].contains("has no column 'score'; its columns are: fixed_acidity"), unknownTarget[2]);
        String[] both = run("train", "--data", data.toString(), "--target", "quality", "--features", "alcohol,quality",
                "--layers", "dense(1)");
        assertTrue(both[2].contains("column 'quality' is the target and cannot also be a feature"), both[2]);
        // A missing feature is imputed now; a missing target is still named by line and column.
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b\n1,2\n2,NaN\n");
        assertTrue(run("train", "--data", nan.toString(), "--target", "b", "--layers", "dense(1)")[2]
                .contains("line 3, column 'b': the value is missing"));
        String[] spec = run("train", "--data", data.toString(), "--target", "quality", "--layers", "dense(8, relu dense(1)");
        assertEquals("1", spec[0]);
        assertTrue(spec[2].contains("--layers: expected ',' or ')'") && spec[2].contains("^"), spec[2]);
        String[] option = run("train", "--bogus");
        assertEquals("2", option[0]);
        assertTrue(option[2].startsWith("Unknown option: '--bogus'"), option[2]);
    }

    @Test
    void trainFromAKerasStyleConfigJson(@TempDir Path dir) throws Exception {
        Path data = wine(dir);
        String config = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"from_json\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 11]}},"
                + "{\"class_name\": \"Dense\", \"config\": {\"units\": 16, \"activation\": \"relu\"}},"
                + "{\"class_name\": \"Dropout\", \"config\": {\"rate\": 0.2}},"
                + "{\"class_name\": \"Dense\", \"config\": {\"units\": 1}}]}}";
        Path json = Files.writeString(dir.resolve("model.json"), config);
        Path model = dir.resolve("m.lamina");
        String[] t = run("train", "--data", data.toString(), "--target", "quality", "--config", json.toString(),
                "--epochs", "2", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        Sequential m = Sequential.load(model);
        assertEquals("from_json", m.name());
        assertEquals(List.of("Dense", "Dropout", "Dense"), m.layers().stream().map(l -> l.className()).toList());
        Path wrong = Files.writeString(dir.resolve("wrong.json"), config.replace("[null, 11]", "[null, 5]"));
        String[] w = run("train", "--data", data.toString(), "--target", "quality", "--config", wrong.toString());
        assertEquals("1", w[0]);
        assertTrue(w[2].contains("expects 5 inputs but the data has 11 feature columns"), w[2]);
    }

    @Test
    void resumeFolderIsUsedAndRemovedWhenDone(@TempDir Path dir) throws Exception {
        Path data = wine(dir);
        Path backup = dir.resolve("backup");
        String[] t = run("train", "--data", data.toString(), "--target", "quality", "--layers", "dense(8, relu) dense(1)",
                "--epochs", "2", "--resume", backup.toString(), "--backup-every", "5", "--save",
                dir.resolve("a.lamina").toString());
        assertEquals("0", t[0], t[2]);
        assertTrue(!Files.exists(backup), "the backup and its folder are removed when training finishes");
    }

    @Test
    void kerasFilesImportAndPredict(@TempDir Path dir) throws Exception {
        Path keras = Path.of(TrainPredictTest.class.getResource("/keras/keras-3.15.1_lesson_concrete-bn-dense.keras").toURI());
        Path saved = dir.resolve("concrete.lamina");
        String[] r = run("import", keras.toString(), "--save", saved.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("536609 parameters"), r[1]);
        Sequential direct = dev.lamina.keras.KerasImport.load(keras);
        Sequential imported = Sequential.load(saved);
        Tensor x = dev.lamina.tensor.Tensor.of(new float[][] {{540, 0, 0, 162, 2.5f, 1040, 676, 28}});
        assertArrayEquals(direct.predict(x).data(), imported.predict(x).data());
        String[] s = run("summary", "--model", keras.toString());
        assertEquals("0", s[0], s[2]);
        assertTrue(s[1].contains("Total params: 536,609"), s[1]);
    }

    @Test
    void trainInitFineTunesAKerasModel(@TempDir Path dir) throws Exception {
        Path keras = Path.of(TrainPredictTest.class.getResource("/keras/keras-3.15.1_lesson_concrete-bn-dense.keras").toURI());
        Path data = dir.resolve("concrete.csv");
        try (var in = BundledData.class.getResourceAsStream("datasets/concrete.csv")) {
            Files.write(data, in.readAllBytes());
        }
        Path out = dir.resolve("tuned.lamina");
        String[] r = run("train", "--data", data.toString(), "--target", "compressive_strength", "--init",
                keras.toString(), "--scale", "none", "--optimizer", "sgd", "--epochs", "2", "--save", out.toString());
        assertEquals("0", r[0], r[2]);
        Sequential before = dev.lamina.keras.KerasImport.load(keras);
        Sequential after = Sequential.load(out);
        assertEquals(before.countParams(), after.countParams());
        assertTrue(!java.util.Arrays.equals(before.weights().get(2).value().data(), after.weights().get(2).value().data()),
                "the weights moved");
    }

    @Test
    void layerSpecGrammar() {
        var layers = LayerSpec.parse("dense(64, activation=relu) dropout(0.3) batchnorm(momentum=0.9, epsilon=1e-5)"
                + " activation(tanh) dense(1)");
        assertEquals(List.of("Dense", "Dropout", "BatchNormalization", "Activation", "Dense"),
                layers.stream().map(l -> l.className()).toList());
        assertEquals(0.9, ((dev.lamina.layers.normalization.BatchNormalization) layers.get(2)).config().momentum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.parse("dense(8) dropout(1.5)"));
        assertTrue(e.getMessage().contains("'rate' of Dropout") && e.getMessage().contains("position 10"), e.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.parse("batchnorm(0.9)"));
        assertTrue(extra.getMessage().contains("name the others"), extra.getMessage());
        assertArrayEquals(new int[] {8}, new int[] {((dev.lamina.layers.core.Dense) LayerSpec.parse("dense(8)").get(0)).units()});
    }
}
