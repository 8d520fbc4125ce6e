package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.Logs;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed CSV file: the same rows as the file loaded in memory, each once per pass, in an order
 * that is a pure function of the seed and the epoch; training from it equals training in memory
 * when neither shuffles; the split's sides partition the rows; errors name the line and column.
 */
class CsvSourceTest {
    private static final int ROWS = 1_003;

    @TempDir
    Path dir;

    @Test
    void anUnshuffledPassGivesTheFileInOrderAndTrainsAsInMemory() throws IOException {
        Path csv = write(ROWS);
        Dataset d = TableToDataset.of(csv).target("y").build();
        // Chunks of 37 rows and windows of 2 chunks: batches span chunks and windows.
        CsvSource s = CsvSource.of(csv, 37, "y").shuffleWindow(2);
        assertEquals(ROWS, s.rows());
        List<float[]> rows = rowsOf(s, new BatchPlan(64, false, 0, 0, LastBatch.KEEP));
        for (int i = 0; i < ROWS; i++) {
            assertArrayEquals(row(d, i), rows.get(i), "row " + i);
        }
        Sequential a = model();
        Sequential b = model();
        FitOptions o = FitOptions.defaults().epochs(3).batchSize(50).shuffle(false).verbose(0);
        a.fit(d.x(), d.y(), o);
        b.fit(s, o);
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertArrayEquals(a.getWeights().get(i), b.getWeights().get(i), "weight " + i);
        }
        assertEquals(a.evaluate(d.x(), d.y()), b.evaluate(s, 32));
        assertArrayEquals(a.predict(d.x()).data(), b.predict(s, 32).data());
    }

    @Test
    void aShuffledPassHoldsEveryRowOnceInAnOrderFixedBySeedAndEpoch() throws IOException {
        Path csv = write(ROWS);
        CsvSource s = CsvSource.of(csv, 37, "y").shuffleWindow(3);
        BatchPlan plan = new BatchPlan(64, true, 7, 0, LastBatch.KEEP);
        List<float[]> first = rowsOf(s, plan);
        List<float[]> again = rowsOf(CsvSource.of(csv, 37, "y").shuffleWindow(3), plan);
        List<float[]> epoch1 = rowsOf(s, plan.epoch(1));
        List<float[]> inOrder = rowsOf(s, BatchPlan.inOrder(64));
        assertEquals(ROWS, first.size());
        for (int i = 0; i < ROWS; i++) {
            assertArrayEquals(first.get(i), again.get(i), "row " + i + " differs between two runs with one seed");
        }
        assertNotEquals(key(first), key(epoch1), "epochs 0 and 1 have the same order");
        assertNotEquals(key(first), key(inOrder), "the shuffled pass is in file order");
        assertEquals(sorted(inOrder), sorted(first), "a shuffled pass must hold every row once");
    }

    @Test
    void seededStreamingFitsAreReproducibleAndTheSplitPartitionsTheRows() throws IOException {
        Path csv = write(ROWS);
        CsvSource.Split split = CsvSource.of(csv, 37, "y").split(0.25, 5);
        long train = split.training().rows();
        long val = split.validation().rows();
        assertEquals(ROWS, train + val);
        assertTrue(val > 180 && val < 330, "validation rows " + val);
        List<String> both = sorted(rowsOf(split.training(), BatchPlan.inOrder(100)));
        both.addAll(sorted(rowsOf(split.validation(), BatchPlan.inOrder(100))));
        assertEquals(sorted(rowsOf(CsvSource.of(csv, "y"), BatchPlan.inOrder(100))), both.stream().sorted().toList());

        FitOptions o = FitOptions.defaults().epochs(2).batchSize(32).verbose(0).seed(11)
                .validationData(split.validation());
        Sequential a = model();
        Sequential b = model();
        var ha = a.fit(split.training(), o);
        var hb = b.fit(CsvSource.of(csv, 37, "y").split(0.25, 5).training(), o);
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertArrayEquals(a.getWeights().get(i), b.getWeights().get(i), "weight " + i);
        }
        assertEquals(ha.history(), hb.history());
        assertTrue(ha.history().containsKey("val_loss"));
    }

    /** Thrown by a callback to simulate a crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aStreamedRunResumedFromItsBackupEndsAsAnUninterruptedOne() throws IOException {
        Path csv = write(ROWS);
        CsvSource.Split split = CsvSource.of(csv, 37, "y").shuffleWindow(2).split(0.2, 3);
        Path straightDir = dir.resolve("straight");
        Path crashDir = dir.resolve("crash");
        FitOptions o = FitOptions.defaults().epochs(4).batchSize(32).verbose(0).seed(4)
                .validationData(split.validation());
        Sequential straight = model();
        var h = straight.fit(split.training(), o.backupAndRestore(straightDir, 5));
        Sequential first = model();
        Callback crash = new Callback() {
            private int epoch;

            @Override
            public void onEpochBegin(int e) {
                epoch = e;
            }

            @Override
            public void onTrainBatchEnd(int batch, Logs logs) {
                if (epoch == 2 && batch == 12) {
                    throw new Crash();
                }
            }
        };
        assertThrows(Crash.class, () -> first.fit(split.training(), o.backupAndRestore(crashDir, 5).callbacks(crash)));
        assertTrue(Files.exists(crashDir.resolve("backup.lamina")));
        Sequential resumed = model();
        var hr = resumed.fit(split.training(), o.backupAndRestore(crashDir, 5));
        for (int i = 0; i < straight.getWeights().size(); i++) {
            assertArrayEquals(straight.getWeights().get(i), resumed.getWeights().get(i), "weight " + i);
        }
        assertEquals(h.history(), hr.history());
        // Another file is another run: its backup is refused.
        assertThrows(Crash.class, () -> model().fit(split.training(), o.backupAndRestore(crashDir, 5).callbacks(crash)));
        CsvSource other = CsvSource.of(write(ROWS + 1), "y");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model().fit(other, o.backupAndRestore(crashDir, 5)));
        assertTrue(e.getMessage().contains("training data"), e.getMessage());
    }

    @Test
    void aScalerFittedOnTheStreamEqualsOneFittedInMemory() throws IOException {
        Path csv = write(ROWS);
        Dataset d = TableToDataset.of(csv).target("y").build();
        for (String kind : List.of("standard", "minmax")) {
            Scaler mem = Scalers.get(kind);
            Scaler stream = Scalers.get(kind);
            mem.fit(d.x());
            stream.fit(CsvSource.of(csv, 37, "y"), false);
            assertEquals(mem.state(), stream.state(), kind);
            Scaler memY = Scalers.get(kind);
            Scaler streamY = Scalers.get(kind);
            memY.fit(d.y());
            streamY.fit(CsvSource.of(csv, 37, "y"), true);
            assertEquals(memY.state(), streamY.state(), kind + " on the targets");
        }
    }

    @Test
    void quotedFieldsBlankLinesAndAByteOrderMarkAreReadAsTheInMemoryReaderReadsThem() throws IOException {
        Path csv = dir.resolve("quoted.csv");
        Files.writeString(csv, "\uFEFF\"a\",\"b\nc\",y\r\n1,\"2\",3\r\n\r\n4,5,6\n\"7\",8,9\n", StandardCharsets.UTF_8);
        CsvSource s = CsvSource.of(csv, 1, "y");
        assertEquals(List.of("a", "b\nc"), s.featureNames());
        assertEquals(3, s.rows());
        List<float[]> rows = rowsOf(s, BatchPlan.inOrder(2));
        assertArrayEquals(new float[] {1, 2, 3}, rows.get(0));
        assertArrayEquals(new float[] {7, 8, 9}, rows.get(2));
    }

    @Test
    void badRowsAreNamedByLineAndColumn() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n4,x,6\n", StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> rowsOf(CsvSource.of(csv, "y"), BatchPlan.inOrder(8)));
        assertTrue(e.getMessage().contains("line 3, column 'b'") && e.getMessage().contains("\"x\""), e.getMessage());
        Files.writeString(csv, "a,b,y\n1,2,3\n4,5\n", StandardCharsets.UTF_8);
        e = assertThrows(DataFormatException.class, () -> rowsOf(CsvSource.of(csv, "y"), BatchPlan.inOrder(8)));
        assertTrue(e.getMessage().contains("line 3 has 2 fields"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> CsvSource.of(csv, "z"));
        assertTrue(e.getMessage().contains("no column 'z'"), e.getMessage());
        Files.writeString(csv, "a,b,y\n1,2,\"3\n", StandardCharsets.UTF_8);
        e = assertThrows(DataFormatException.class, () -> CsvSource.of(csv, "y"));
        assertTrue(e.getMessage().contains("quoted"), e.getMessage());
    }

    @Test
    void aFileChangedAfterOpeningIsRefused() throws IOException {
        Path csv = write(50);
        CsvSource s = CsvSource.of(csv, "y");
        Files.writeString(csv, "x0,x1,x2,y\n1,2,3,4\n", StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class, () -> rowsOf(s, BatchPlan.inOrder(8)));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
    }

    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(8, "relu"), Dropout.of(0.2), Dense.of(1)).seed(3);
        m.compile("sgd", "mse");
        return m;
    }

    private Path write(int rows) throws IOException {
        Path csv = dir.resolve("rows" + rows + ".csv");
        RandomStream r = new RandomStream(1, 0);
        StringBuilder sb = new StringBuilder("x0,x1,x2,y\n");
        for (int i = 0; i < rows; i++) {
            float a = (float) r.nextGaussian();
            float b = (float) r.nextGaussian() * 10;
            float c = (float) r.nextDouble();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", a, b, c, 0.5f * a - 0.1f * b + c));
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        return csv;
    }

    /** Every row of a pass, inputs then targets. */
    static List<float[]> rowsOf(DataSource s, BatchPlan plan) {
        List<float[]> rows = new ArrayList<>();
        try (Batches p = s.batches(plan)) {
            for (Batch b = p.next(); b != null; b = p.next()) {
                int nx = b.x().cols();
                int ny = b.y() == null ? 0 : b.y().cols();
                for (int i = 0; i < b.rows(); i++) {
                    float[] row = new float[nx + ny];
                    System.arraycopy(b.x().data(), i * nx, row, 0, nx);
                    if (ny > 0) {
                        System.arraycopy(b.y().data(), i * ny, row, nx, ny);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static float[] row(Dataset d, int i) {
        float[] out = new float[d.x().cols() + d.y().cols()];
        System.arraycopy(d.x().data(), i * d.x().cols(), out, 0, d.x().cols());
        System.arraycopy(d.y().data(), i * d.y().cols(), out, d.x().cols(), d.y().cols());
        return out;
    }

    private static List<String> sorted(List<float[]> rows) {
        List<String> s = new ArrayList<>();
        for (float[] r : rows) {
            s.add(Arrays.toString(r));
        }
        s.sort(null);
        return s;
    }

    private static String key(List<float[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (float[] r : rows) {
            sb.append(Arrays.toString(r));
        }
        return sb.toString();
    }
}
