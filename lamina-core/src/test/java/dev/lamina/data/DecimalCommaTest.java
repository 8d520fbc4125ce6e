package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semicolon-separated files as spreadsheet programs write them where the comma is the decimal mark:
 * every reader gives the numbers of the same file written with decimal points.
 */
class DecimalCommaTest {
    @TempDir
    Path dir;

    @Test
    void numbersInTheCommaDecimalFormGetAPoint() {
        String[][] cases = {
            {"9,60", "9.60"}, {"-0,5", "-0.5"}, {"+3,", "+3."}, {",25", ".25"}, {"-0,5e3", "-0.5e3"},
            {"2,5E-07", "2.5E-07"}, {"1.234,5", "1234.5"}, {"-12.345.678,25", "-12345678.25"}, {"42", "42"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], CsvNumbers.withDecimalPoint(c[0]), c[0]);
        }
        // Text, and numbers that could be read either way, are kept as they are.
        for (String kept : new String[] {"1.234", "a,b", "1,2,3", ",", "1.23,4", "1234.567,8", "1.2345,6", ".123,4",
            "1,5 kg", "e,5", "1,5e", "", "NA", "Rot, Blau"}) {
            assertEquals(kept, CsvNumbers.withDecimalPoint(kept), kept);
        }
    }

    /**
     * The same random table written as {@code a;b;c;kind;y} ({@code a;b;c;y} without {@code text}) with
     * decimal commas, and with points.
     */
    private Path[] files(int rows, boolean text) throws IOException {
        Random r = new Random(7);
        String header = text ? "a;b;c;kind;y\n" : "a;b;c;y\n";
        StringBuilder commas = new StringBuilder(header);
        StringBuilder points = new StringBuilder(header);
        for (int i = 0; i < rows; i++) {
            String a = String.format(Locale.ROOT, "%.3f", r.nextGaussian());
            String b = String.format(Locale.ROOT, "%.2f", 1000 + 5000 * r.nextDouble());
            String c = Integer.toString(r.nextInt(10));
            String kind = r.nextBoolean() ? "rot;" : "blau;";
            String y = String.format(Locale.ROOT, "%.4f", r.nextGaussian() + 3);
            points.append(String.join(";", a, b, c, (text ? kind : "") + y)).append('\n');
            // Thousands separators on half of the rows, as some exports write them.
            String bWithComma = b.replace('.', ',');
            if (i % 2 == 0) {
                bWithComma = bWithComma.charAt(0) + "." + bWithComma.substring(1);
            }
            commas.append(String.join(";", a.replace('.', ','), bWithComma, c, (text ? kind : "") + y.replace('.', ',')))
                    .append('\n');
        }
        String suffix = text ? "-text.csv" : ".csv";
        Path withCommas = Files.writeString(dir.resolve("commas" + suffix), commas, StandardCharsets.UTF_8);
        Path withPoints = Files.writeString(dir.resolve("points" + suffix), points, StandardCharsets.UTF_8);
        return new Path[] {withCommas, withPoints};
    }

    @Test
    void everyReaderGivesTheNumbersOfTheSameFileWithPoints() throws IOException {
        Path[] f = files(200, false);
        // In memory.
        Dataset commas = TableToDataset.of(f[0]).target("y").features(List.of("a", "b", "c")).build();
        Dataset points = TableToDataset.of(f[1]).target("y").features(List.of("a", "b", "c")).build();
        assertArrayEquals(points.x().data(), commas.x().data());
        assertArrayEquals(points.y().data(), commas.y().data());
        // Streamed, across chunks.
        CsvSource sc = CsvSource.of(f[0], 37, "y");
        CsvSource sp = CsvSource.of(f[1], 37, "y");
        List<float[]> rc = CsvSourceTest.rowsOf(sc, BatchPlan.inOrder(16));
        List<float[]> rp = CsvSourceTest.rowsOf(sp, BatchPlan.inOrder(16));
        assertEquals(rp.size(), rc.size());
        for (int i = 0; i < rp.size(); i++) {
            assertArrayEquals(rp.get(i), rc.get(i), "row " + i);
        }
        // As a table with text: the same kinds inferred, the same encoded inputs.
        f = files(200, true);
        Table tc = CsvReader.read(f[0]);
        Table tp = CsvReader.read(f[1]);
        FeatureSpec specC = FeatureSpec.infer(tc, List.of("y"));
        FeatureSpec specP = FeatureSpec.infer(tp, List.of("y"));
        assertEquals(specP.describe(), specC.describe());
        assertInstanceOf(NumericColumn.class, specC.columns().get(0));
        assertInstanceOf(NumericColumn.class, specC.columns().get(1));
        assertArrayEquals(specP.adapt(tp).transform(tp, new EncodeReport()).data(),
                specC.adapt(tc).transform(tc, new EncodeReport()).data());
        assertArrayEquals(tp.numbers(List.of("y")).data(), tc.numbers(List.of("y")).data());
    }

    @Test
    void commaSeparatedFilesKeepTheirQuotedCommas() {
        Table t = CsvReader.read("t.csv", new java.io.ByteArrayInputStream(
                "size,y\n\"1,5\",1\n\"2,5\",2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("1,5", t.rows().get(0)[0]);
        assertEquals("2,5", t.rows().get(1)[0]);
    }
}
