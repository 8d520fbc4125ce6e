package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.data.CsvReader;
import dev.lamina.data.TableToDataset;
import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lamina predict}'s output, and the same predictions from the Java API. */
class PredictCommandTest {
    private static Path wine(Path dir) throws Exception {
        Path p = dir.resolve("wine.csv");
        try (var in = BundledData.class.getResourceAsStream("datasets/red-wine.csv")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private static List<CSVRecord> parse(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().build().parse(r)) {
            return p.getRecords();
        }
    }

    private static List<String> header(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().build().parse(r)) {
            return p.getHeaderNames();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "minmax", "none"})
    void theLoadedModelPredictsWhatTheCommandPrintsBitForBit(String scale, @TempDir Path dir) throws Exception {
        Path data = wine(dir);
        Path model = dir.resolve("m.lamina");
        String[] t = TrainPredictTest.run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(16, relu) batchnorm dense(1)", "--epochs", "2", "--scale", scale, "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        Path out = dir.resolve("p.csv");
        String[] p = TrainPredictTest.run("predict", "--model", model.toString(), "--data", data.toString(),
                "--output", out.toString());
        assertEquals("0", p[0], p[2]);
        Tensor raw = TableToDataset.of(CsvReader.read(data)).target("quality").build().x();
        Tensor api = Sequential.load(model).predict(raw);
        List<CSVRecord> rows = parse(out);
        assertEquals(raw.rows(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Float.floatToRawIntBits(api.get(i, 0)), Float.floatToRawIntBits(Float.parseFloat(
                    rows.get(i).get("quality"))), "row " + i);
        }
        if (!scale.equals("none")) {
            // The scaler matters: the network alone on the raw rows gives other values.
            Sequential unscaled = Sequential.load(model);
            unscaled.setPreprocessing(null);
            assertFalse(unscaled.predict(raw).get(0, 0) == api.get(0, 0));
        }
    }

    /** Four numeric columns and a label in 0..9, each class around its own centre. */
    private static Path tenClasses(Path dir) throws Exception {
        RandomStream r = new RandomStream(7, 0);
        StringBuilder sb = new StringBuilder("row_id,a,b,c,d,label\n");
        for (int i = 0; i < 400; i++) {
            int label = i % 10;
            sb.append("id-").append(i);
            for (int j = 0; j < 4; j++) {
                double centre = ((label >> j) & 1) * 3 + (j == 0 ? label * 0.5 : 0);
                sb.append(',').append(String.format(Locale.ROOT, "%.4f", centre + 0.3 * r.nextGaussian()));
            }
            sb.append(',').append(label).append('\n');
        }
        return Files.writeString(dir.resolve("ten.csv"), sb.toString());
    }

    @Test
    void aTenClassModelWritesOneColumnPerClassAndThePredictedClass(@TempDir Path dir) throws Exception {
        Path data = tenClasses(dir);
        Path model = dir.resolve("ten.lamina");
        String[] t = TrainPredictTest.run("train", "--data", data.toString(), "--target", "label", "--features",
                "a,b,c,d", "--layers", "dense(32, relu) dense(10, softmax)", "--loss",
                "sparse_categorical_crossentropy", "--metrics", "accuracy", "--epochs", "30", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        Path out = dir.resolve("p.csv");
        String[] p = TrainPredictTest.run("predict", "--model", model.toString(), "--data", data.toString(),
                "--id", "row_id", "--output", out.toString());
        assertEquals("0", p[0], p[2]);
        List<String> expectedHeader = new ArrayList<>(List.of("row_id"));
        for (int k = 0; k < 10; k++) {
            expectedHeader.add(Integer.toString(k));
        }
        expectedHeader.add("predicted");
        assertEquals(expectedHeader, header(out));
        List<CSVRecord> rows = parse(out);
        assertEquals(400, rows.size());
        int correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            assertEquals(12, row.size());
            assertEquals("id-" + i, row.get("row_id"));
            double sum = 0;
            int argmax = 0;
            for (int k = 0; k < 10; k++) {
                String cell = row.get(Integer.toString(k));
                assertFalse(cell.contains("E") || cell.contains("e"), "plain decimals: " + cell);
                double v = Double.parseDouble(cell);
                sum += v;
                if (v > Double.parseDouble(row.get(Integer.toString(argmax)))) {
                    argmax = k;
                }
            }
            assertEquals(1.0, sum, 1e-5, "row " + i + " probabilities");
            assertEquals(Integer.toString(argmax), row.get("predicted"));
            correct += row.get("predicted").equals(Integer.toString(i % 10)) ? 1 : 0;
        }
        assertTrue(correct > 300, "a separable problem is learned: " + correct + " of 400");
        String[] missing = TrainPredictTest.run("predict", "--model", model.toString(), "--data", data.toString(),
                "--id", "rowid");
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("no column 'rowid' for --id"), missing[2]);
    }

    @Test
    void plainDecimalsReadBackAsTheSameFloat() {
        for (float v : new float[] {1.17e-7f, -3.5e-12f, 1e10f, 0.1f, 123456.79f, Float.MIN_VALUE, Float.MAX_VALUE}) {
            String s = PredictCommand.plain(v);
            assertFalse(s.contains("E"), s);
            assertEquals(v, Float.parseFloat(s), 0f, s);
        }
        assertEquals("NaN", PredictCommand.plain(Float.NaN));
    }

    @Test
    void validationSplitZeroTrainsOnEveryRowWithoutValidation(@TempDir Path dir) throws Exception {
        Path data = wine(dir);
        Path history = dir.resolve("h.csv");
        String[] t = TrainPredictTest.run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(8, relu) dense(1)", "--epochs", "2", "--validation-split", "0", "--history", history.toString());
        assertEquals("0", t[0], t[2]);
        assertFalse(Files.readString(history).contains("val_loss"), Files.readString(history));
        assertTrue(t[1].contains("without validation data"), t[1]);
        String[] early = TrainPredictTest.run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(1)", "--validation-split", "0", "--early-stopping", "3");
        assertEquals("2", early[0]);
        assertTrue(early[2].contains("--early-stopping watches val_loss"), early[2]);
        String[] one = TrainPredictTest.run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(1)", "--validation-split", "1");
        assertEquals("2", one[0]);
        assertTrue(one[2].contains("--validation-split must be in [0, 1)"), one[2]);
    }

    @Test
    void gradientAccumulationIsAnOptimizerSettingThatTheSavedModelKeeps(@TempDir Path dir) throws Exception {
        Path data = wine(dir);
        Path model = dir.resolve("acc.lamina");
        String[] t = TrainPredictTest.run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(8, relu) dense(1)", "--epochs", "2", "--gradient-accumulation-steps", "4", "--save",
                model.toString());
        assertEquals("0", t[0], t[2]);
        assertEquals(4, Sequential.load(model).optimizer().gradientAccumulationSteps());
        String[] bad = TrainPredictTest.run("train", "--data", data.toString(), "--target", "quality", "--layers",
                "dense(1)", "--gradient-accumulation-steps", "1");
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("gradient_accumulation_steps") && bad[2].contains("an integer >= 2"), bad[2]);
    }

    @Test
    void anUnknownOptionIsNamedEvenWhenARequiredOneIsMissing() {
        String[] r = TrainPredictTest.run("train", "--bogus");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("Unknown option: '--bogus'"), r[2]);
        assertTrue(r[2].contains("lamina train --help"), r[2]);
    }
}
