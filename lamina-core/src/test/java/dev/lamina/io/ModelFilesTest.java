package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.constraints.MaxNorm;
import dev.lamina.data.StandardScaler;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.ELU;
import dev.lamina.layers.core.Identity;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.core.PReLU;
import dev.lamina.layers.core.ReLU;
import dev.lamina.layers.core.Softmax;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.normalization.Normalization;
import dev.lamina.layers.normalization.RMSNormalization;
import dev.lamina.layers.normalization.RenormClipping;
import dev.lamina.layers.normalization.UnitNormalization;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.layers.regularization.AlphaDropout;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.GaussianDropout;
import dev.lamina.layers.regularization.GaussianNoise;
import dev.lamina.layers.regularization.SpatialDropout1D;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Adam;
import dev.lamina.regularizers.L1L2;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    /** A small compiled model whose preprocessing is an adapted feature spec (a category, a number with missing cells). */
    static Sequential withFeatureSpec(long seed) {
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        java.util.List<Long> lines = new java.util.ArrayList<>();
        String[] cats = {"red", "green", "blue", "green"};
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {cats[i % 4], i % 7 == 0 ? "" : Integer.toString(i % 11), Integer.toString(i % 3)});
            lines.add(i + 2L);
        }
        dev.lamina.data.Table t = new dev.lamina.data.Table("colors.csv", List.of("color", "n", "y"), rows, lines);
        dev.lamina.data.FeatureSpec spec = new dev.lamina.data.FeatureSpec(List.of(
                dev.lamina.data.CategoricalColumn.of("color"),
                dev.lamina.data.NumericColumn.of("n").indicator(true))).adapt(t);
        Sequential m = Sequential.of(Input.of(spec.outputNames().size()), Dense.of(3, "relu"), Dense.of(1)).seed(seed);
        m.compile(new Adam(), Losses.get("mse"));
        m.setPreprocessing(Preprocessing.of(spec, List.of("y"), null));
        m.fit(t, FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        return m;
    }

    static Sequential everyLayer(long seed) {
        Sequential m = Sequential.of(Input.of(6),
                Dense.builder(12).activation("relu").kernelRegularizer(L1L2.l2(1e-4)).kernelConstraint(MaxNorm.of(3))
                        .build(),
                Dropout.of(0.2), BatchNormalization.of(), GaussianDropout.of(0.1), Dense.of(10), GaussianNoise.of(0.05),
                BatchNormalization.builder().renorm(RenormClipping.PAPER).build(), Activation.of("selu"),
                AlphaDropout.of(0.1), LayerNormalization.of(), Dense.of(2)).seed(seed);
        m.compile(new Adam(), Losses.get("mse"), "mae");
        Tensor x = GradientCheck.input(64, 6, seed, 0);
        Tensor y = GradientCheck.input(64, 2, seed + 1, 0);
        StandardScaler s = new StandardScaler();
        s.fit(x);
        m.setPreprocessing(new Preprocessing(List.of("a", "b", "c", "d", "e", "f"), List.of("u", "v"), s, null));
        m.fit(x, y, FitOptions.defaults().epochs(2).batchSize(16).verbose(0));
        return m;
    }

    @Test
    void roundTripIsBitIdenticalAndSavingAgainGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Sequential m = everyLayer(3);
        Path a = dir.resolve("model.lamina");
        m.save(a);
        Sequential loaded = Sequential.load(a);
        Tensor x = GradientCheck.input(20, 6, 99, 0);
        assertArrayEquals(m.predict(x).data(), loaded.predict(x).data());
        assertEquals(m.summary(), loaded.summary());
        assertEquals(m.optimizer().iterations(), loaded.optimizer().iterations());
        for (int i = 0; i < m.weights().size(); i++) {
            Parameter p = m.weights().get(i);
            Parameter q = loaded.weights().get(i);
            assertEquals(p.path(), q.path());
            if (m.optimizer().slots(p) != null) {
                for (int k = 0; k < m.optimizer().slots(p).length; k++) {
                    assertArrayEquals(m.optimizer().slots(p)[k], loaded.optimizer().slots(q)[k], p.path());
                }
            }
        }
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), loaded.preprocessing().features());
        assertArrayEquals(((StandardScaler) m.preprocessing().featureScaler()).scales(),
                ((StandardScaler) loaded.preprocessing().featureScaler()).scales());
        Path b = dir.resolve("again.lamina");
        loaded.save(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void activationAndNormalizationLayersRoundTripAfterTraining(@TempDir Path dir) throws Exception {
        Normalization norm = Normalization.of();
        norm.adapt(GradientCheck.input(32, 6, 5, 0));
        Sequential m = Sequential.of(Input.of(6), norm,
                (Normalization) LayerRegistry.fromConfig("Normalization", Map.of("mean", 0.5, "variance", 2.0)),
                Dense.of(8), new ReLU(new ReLU.Config(null, 2.0, 0.1, 0.1)),
                Dense.of(8), PReLU.of(), ELU.of(0.7),
                new LayerNormalization(LayerNormalization.Config.fromMap(Map.of("rms_scaling", true))),
                Identity.of(), RMSNormalization.of(), Dense.of(5), UnitNormalization.of(),
                dev.lamina.layers.core.Rescaling.of(2.0, -0.5),
                dev.lamina.layers.regularization.ActivityRegularization.of(0.01, 0.02), Dense.of(3),
                Softmax.of()).seed(4);
        m.layers().get(3).setActivityRegularizer(dev.lamina.regularizers.L1L2.l2(0.01));
        m.compile(new Adam(), Losses.get("categorical_crossentropy"));
        Tensor x = GradientCheck.input(64, 6, 8, 0);
        float[] onehot = new float[64 * 3];
        for (int r = 0; r < 64; r++) {
            onehot[r * 3 + r % 3] = 1;
        }
        m.fit(x, Tensor.wrap(onehot, 64, 3), FitOptions.defaults().epochs(3).batchSize(16).verbose(0));
        Path p = dir.resolve("act.lamina");
        m.save(p);
        Sequential loaded = Sequential.load(p);
        assertArrayEquals(m.predict(x).data(), loaded.predict(x).data());
        assertEquals(m.summary(), loaded.summary());
        assertEquals(m.layers().get(3).activityRegularizer(), loaded.layers().get(3).activityRegularizer());
        Tensor y = Tensor.wrap(onehot, 64, 3);
        assertEquals(m.evaluate(x, y).get("loss"), loaded.evaluate(x, y).get("loss"), 0);
    }

    @Test
    void spatialDropoutModelsRoundTrip(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(3, 4), SpatialDropout1D.of(0.3), Dense.of(2)).seed(1);
        Path p = dir.resolve("s.lamina");
        m.save(p);
        Tensor x = GradientCheck.input(5, 12, 1, 0).reshape(5, 3, 4);
        assertArrayEquals(m.predict(x).data(), Sequential.load(p).predict(x).data());
    }

    /** An independent minimal safetensors reader, written from the format's description. */
    @Test
    void weightsAreValidSafetensors(@TempDir Path dir) throws Exception {
        Sequential m = everyLayer(4);
        Map<String, byte[]> members = ModelFiles.members(m);
        byte[] st = members.get("weights.safetensors");
        ByteBuffer b = ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        JsonNode header = new ObjectMapper().readTree(new String(st, 8, (int) n, StandardCharsets.UTF_8));
        assertEquals(0, (8 + n) % 8, "the data starts 8-byte aligned");
        for (Parameter p : m.weights()) {
            JsonNode e = header.get(p.path());
            assertNotNull(e, p.path());
            assertEquals("F32", e.get("dtype").asText());
            long begin = e.get("data_offsets").get(0).asLong();
            float[] values = p.value().data();
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], b.getFloat((int) (8 + n + begin + 4L * i)), p.path() + "[" + i + "]");
            }
            int[] dims = p.value().shape().dims();
            for (int i = 0; i < dims.length; i++) {
                assertEquals(dims[i], e.get("shape").get(i).asInt());
            }
        }
        assertEquals(m.weights().size(), header.size() - 1, "tensors plus __metadata__");
        JsonNode kernel = header.get(m.layers().get(0).name() + "/kernel");
        assertEquals(6, kernel.get("shape").get(0).asInt(), "kernel [in, out] as Keras");
    }

    @Test
    void aNewerFormatIsRefusedClearly(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(2), Dense.of(1)).seed(1);
        Map<String, byte[]> members = ModelFiles.members(m);
        String cfg = new String(members.get("config.json"), StandardCharsets.UTF_8).replace("\"format_version\" : 1",
                "\"format_version\" : 3");
        members.put("config.json", cfg.getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("new.lamina");
        Files.write(p, ModelArchive.write(members));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(p));
        assertTrue(e.getMessage().endsWith("format version 3 is newer than this Lamina supports (1); upgrade Lamina."),
                e.getMessage());
    }

    @Test
    void customOrUnknownLayersAreRefused(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(2), Dense.of(1)).seed(1);
        Map<String, byte[]> members = ModelFiles.members(m);
        String cfg = new String(members.get("config.json"), StandardCharsets.UTF_8);
        members.put("config.json", cfg.replace("\"class_name\" : \"Dense\"", "\"class_name\" : \"Lambda\"")
                .getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("lambda.lamina");
        Files.write(p, ModelArchive.write(members));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(p));
        assertTrue(e.getMessage().contains("layer 1 (Lambda): Unknown layer class 'Lambda'"), e.getMessage());
    }

    @Test
    void aFailedSaveLeavesThePreviousFileIntact(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(2), Dense.of(1)).seed(1);
        Path target = dir.resolve("model.lamina");
        m.save(target);
        byte[] before = Files.readAllBytes(target);
        // A directory in the way of the rename: the save must fail and clean up after itself.
        Path blocked = dir.resolve("blocked.lamina");
        Files.createDirectories(blocked.resolve("inside"));
        assertThrows(java.io.IOException.class, () -> m.save(blocked));
        assertArrayEquals(before, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("blocked.lamina", "model.lamina"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no temporary file left behind");
        }
        assertThrows(java.io.IOException.class, () -> m.save(dir.resolve("no-such-dir").resolve("m.lamina")));
    }

    /** Makes {@code dir} read-only even for root (chattr +i), else by permissions; false if impossible. */
    private static boolean makeReadOnly(Path dir, boolean readOnly) throws Exception {
        Process p = new ProcessBuilder("chattr", readOnly ? "+i" : "-i", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            dir.toFile().setWritable(!readOnly);
        }
        if (!readOnly) {
            return true;
        }
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return false;
        } catch (java.io.IOException expected) {
            return true;
        }
    }

    @Test
    void savingIntoAReadOnlyDirectoryThrowsAndLeavesNothing(@TempDir Path dir) throws Exception {
        Sequential m = Sequential.of(Input.of(2), Dense.of(1)).seed(1);
        Path ro = Files.createDirectories(dir.resolve("ro"));
        boolean readOnly = makeReadOnly(ro, true);
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(readOnly, "cannot make a read-only directory here");
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> m.save(ro.resolve("m.lamina")));
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            try (var files = Files.list(ro)) {
                assertEquals(0, files.count(), "nothing left behind");
            }
        } finally {
            makeReadOnly(ro, false);
        }
    }
}
