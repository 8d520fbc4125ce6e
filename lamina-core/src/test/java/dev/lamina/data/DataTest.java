package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DataTest {
    private static Table csv(String text) {
        return CsvReader.read("test.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertMessage(Executable e, String expected) {
        Throwable t = assertThrows(RuntimeException.class, e);
        assertTrue(t.getMessage().contains(expected), "message: " + t.getMessage());
    }

    @Test
    void readsCommaOrSemicolonWithQuotes() {
        Table t = csv("a;b;\"c;d\"\n1;2;3\n4;5;\"6\"\n");
        assertEquals(List.of("a", "b", "c;d"), t.columns());
        assertEquals(2, t.rows().size());
        Dataset d = TableToDataset.of(csv("x,y,target\n1,2,3\n4,5,6\n\n7,8,9\n")).target("target").build();
        assertEquals(List.of("x", "y"), d.featureNames());
        assertArrayEquals(new float[] {1, 2, 4, 5, 7, 8}, d.x().data());
        assertArrayEquals(new float[] {3, 6, 9}, d.y().data());
        Dataset f = TableToDataset.of(csv("x,y,t\n1,2,3\n4,5,6\n")).target("t").features(List.of("y")).build();
        assertArrayEquals(new float[] {2, 5}, f.x().data());
    }

    @Test
    void oneHotEncodesCategoricalColumnsOnRequest() {
        Dataset d = TableToDataset.of(csv("colour,size,t\nred,1,0\nblue,2,1\nred,3,0\n")).target("t")
                .oneHot(List.of("colour")).build();
        assertEquals(List.of("colour=blue", "colour=red", "size"), d.featureNames());
        assertArrayEquals(new float[] {0, 1, 1, 1, 0, 2, 0, 1, 3}, d.x().data());
    }

    @Test
    void badFilesGetClearMessages(@TempDir Path dir) throws Exception {
        assertMessage(() -> CsvReader.read(dir.resolve("missing.csv")), "File not found: ");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertMessage(() -> CsvReader.read(empty), "is empty");
        assertMessage(() -> csv("a,b\n"), "has a header but no data rows");
        assertMessage(() -> csv("a,b\n1,2\n3\n"), "test.csv line 3 has 1 fields but the header has 2");
        assertMessage(() -> TableToDataset.of(csv("a,b\n1,2\nx,4\n")).target("b").build(),
                "test.csv line 3, column 'a': \"x\" is not a number");
        assertMessage(() -> TableToDataset.of(csv("a,b\n1,2\n")).target("c").build(),
                "test.csv has no column 'c'; its columns are: a, b.");
        assertMessage(() -> TableToDataset.of(csv("a,b\n1,2\n")).target("b").features(List.of("a", "b")).build(),
                "column 'b' is the target and cannot also be a feature");
        assertMessage(() -> TableToDataset.of(csv("a,b\n1,2\n3,NA\n")).target("b").build(),
                "test.csv line 3, column 'b': the value is missing");
        assertMessage(() -> TableToDataset.of(csv("a,b\n1,2\n3,1e40\n")).target("b").build(),
                "is not a finite number");
        assertMessage(() -> TableToDataset.of(csv("a,b\n1,2\n")).build(), "choose the target column");
        Dataset dropped = TableToDataset.of(csv("a,b\n1,2\n3,\n5,6\n")).target("b").dropMissing(true).build();
        assertEquals(2, dropped.rows());
    }

    @Test
    void scalersMatchHandValuesAndInvert() {
        Tensor x = Tensor.of(new float[][] {{1, 10, 5}, {3, 20, 5}, {5, 60, 5}});
        StandardScaler s = new StandardScaler();
        s.fit(x);
        assertArrayEquals(new double[] {3, 30, 5}, s.offsets(), 1e-12);
        // population standard deviations: sqrt(8/3), sqrt(1400/3); the constant column gets 1
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), Math.sqrt(1400.0 / 3), 1}, s.scales(), 1e-9);
        Tensor t = s.transform(x);
        assertEquals(-2 / Math.sqrt(8.0 / 3), t.get(0, 0), 1e-6);
        assertEquals(0f, t.get(2, 2));
        Tensor back = s.inverseTransform(t);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(x.data()[i], back.data()[i], 1e-5);
        }
        MinMaxScaler m = new MinMaxScaler();
        m.fit(x);
        Tensor mm = m.transform(x);
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 0.2f, 0, 1, 1, 0}, mm.data(), 1e-6f);
        Scaler restored = Scalers.fromState(m.state());
        assertEquals(mm, restored.transform(x));
        assertThrows(IllegalStateException.class, () -> new MinMaxScaler().transform(x));
        assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(2, 2)));
    }

    @Test
    void splitsAreSeededOrTakeTheLastFraction() {
        float[][] rows = new float[10][1];
        for (int i = 0; i < 10; i++) {
            rows[i][0] = i;
        }
        Dataset d = new Dataset(Tensor.of(rows), Tensor.of(rows), List.of("x"), List.of("y"));
        Splits.Split a = Splits.random(d, 0.7, 3);
        Splits.Split b = Splits.random(d, 0.7, 3);
        assertEquals(7, a.train().rows());
        assertEquals(a.train().x(), b.train().x());
        float[] all = new float[10];
        System.arraycopy(a.train().x().data(), 0, all, 0, 7);
        System.arraycopy(a.validation().x().data(), 0, all, 7, 3);
        Arrays.sort(all);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        Splits.Split last = Splits.lastFraction(d, 0.2);
        assertArrayEquals(new float[] {8, 9}, last.validation().x().data());
    }
}
