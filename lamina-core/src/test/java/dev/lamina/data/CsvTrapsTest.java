package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as people export them: the right columns, or one line naming the problem. */
class CsvTrapsTest {
    private static Table read(String text) {
        return CsvReader.read("t.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Table read(byte[] bytes) {
        return CsvReader.read("t.csv", new ByteArrayInputStream(bytes));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() {
        byte[] text = "a,b,y\n1,2,3\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Table t = read(withBom);
        assertEquals(List.of("a", "b", "y"), t.columns());
        assertEquals(read(text).columns(), t.columns());
        assertEquals(0, t.column("a"));
    }

    @Test
    void aColumnNamedTwiceIsRefusedNamingBothPositions() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("a,a,c,y\n1,2,3,4\n"));
        assertEquals("t.csv: the header names column 'a' twice, as columns 1 and 2; rename one of them.", e.getMessage());
        DataFormatException target = assertThrows(DataFormatException.class, () -> read("a,y,c,y\n1,2,3,4\n"));
        assertTrue(target.getMessage().contains("column 'y' twice, as columns 2 and 4"), target.getMessage());
        DataFormatException twice = assertThrows(DataFormatException.class,
                () -> TableToDataset.of(read("a,b,y\n1,2,3\n")).target("y", "y").build());
        assertTrue(twice.getMessage().contains("target column 'y' is named twice"), twice.getMessage());
    }

    @Test
    void headersOfAnyWidthAreRead() {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        int columns = 12_000; // about 80,000 characters of header
        for (int i = 0; i < columns; i++) {
            header.append(i == 0 ? "" : ";").append("feature_").append(i);
            row.append(i == 0 ? "" : ";").append(i % 10);
        }
        Table t = read(header + "\n" + row + "\n");
        assertEquals(columns, t.columns().size());
        assertEquals("feature_11999", t.columns().get(columns - 1));
        assertEquals("9", t.rows().get(0)[columns - 1]);
    }

    @Test
    void aFileCanBeReadForItsHeaderOrOneColumnAlone(@TempDir Path dir)
            throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "\uFEFFid;a;y\nr1;1;2\nr2;3;4\n");
        assertEquals(List.of("id", "a", "y"), CsvReader.header(f));
        assertEquals(List.of("r1", "r2"), CsvReader.column(f, "id"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.column(f, "ID"));
        assertTrue(e.getMessage().contains("has no column 'ID'; its columns are: id, a, y"), e.getMessage());
        Dataset d = TableToDataset.of(f).target("y").features(List.of("a")).build();
        assertArrayEquals(new float[] {1, 3}, d.x().data());
        assertArrayEquals(new float[] {2, 4}, d.y().data());
    }

    @Test
    void numbersAreReadAsCsvUsersWriteThem() {
        for (String ok : List.of("1", "-2", "+3", "0.5", ".5", "5.", "1e3", "1E-3", "2.5e+10", "-0")) {
            assertTrue(CsvNumbers.isPlainDecimal(ok), ok);
        }
        for (String bad : List.of("1f", "2d", "0x1p3", "Infinity", "-Infinity", "1e", "e3", ".", "+", "1 ", " 1",
                "1,5", "1_000", "--1", "1e3.5", "")) {
            assertFalse(CsvNumbers.isPlainDecimal(bad), bad);
        }
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableToDataset.of(read("a,y\n1f,2\n")).target("y").build());
        assertTrue(e.getMessage().contains("line 2, column 'a': \"1f\" is not a number"), e.getMessage());
        Dataset d = TableToDataset.of(read("a,y\n1e-3,2\n-.5,3\n")).target("y").build();
        assertArrayEquals(new float[] {1e-3f, -0.5f}, d.x().data());
    }

    @Test
    void aTabSeparatedFileReadsAsTheSameFileWithCommas(@TempDir Path dir) throws Exception {
        String commas = "a,\"b, quoted\",kind,y\n1.5,2,red,3\n4,,blue,6\n-7e-1,8,\"re\td\",9\n";
        String tabs = "a\t\"b, quoted\"\tkind\ty\n1.5\t2\tred\t3\n4\t\tblue\t6\n-7e-1\t8\t\"re\td\"\t9\n";
        Table c = read(commas);
        Table t = read(tabs);
        assertEquals(List.of("a", "b, quoted", "kind", "y"), t.columns());
        assertEquals(c.columns(), t.columns());
        assertEquals(c.rows().size(), t.rows().size());
        for (int i = 0; i < c.rows().size(); i++) {
            assertArrayEquals(c.rows().get(i), t.rows().get(i), "row " + i);
        }
        assertEquals("", t.rows().get(1)[1]);
        // Streamed, numbers only.
        Path tsv = Files.writeString(dir.resolve("t.tsv"), "a\tb\ty\n1\t2\t3\n4.5\t5\t6\n");
        List<float[]> rows = CsvSourceTest.rowsOf(CsvSource.of(tsv, 1, "y"), BatchPlan.inOrder(2));
        assertArrayEquals(new float[] {4.5f, 5, 6}, rows.get(1));
        // A comma header with a tab in a quoted name stays comma-separated.
        assertEquals(List.of("a\tb", "c", "y"), read("\"a\tb\",c,y\n1,2,3\n").columns());
    }

    @Test
    void aColumnWithoutANameIsNamedByPosition(@TempDir Path dir) throws Exception {
        DataFormatException trailing = assertThrows(DataFormatException.class, () -> read("a,b,y,\n1,2,3,\n"));
        assertEquals("t.csv: the header's column 4 of 4 has no name (the header ends with a ','); name the column,"
                + " or remove it and the ',' at the end of each line.", trailing.getMessage());
        DataFormatException inside = assertThrows(DataFormatException.class, () -> read("a; ;y\n1;2;3\n"));
        assertEquals("t.csv: the header's column 2 of 3 has no name; name the column, or remove it.",
                inside.getMessage());
        Path f = Files.writeString(dir.resolve("s.csv"), "a,b,y,\n1,2,3,\n");
        DataFormatException streamed = assertThrows(DataFormatException.class, () -> CsvSource.of(f, "y"));
        assertTrue(streamed.getMessage().contains("column 4 of 4 has no name"), streamed.getMessage());
    }

    @Test
    void aFileFromASpreadsheetInWindows1252ReadsAsItsUtf8Copy() {
        String text = "Größe;Farbe;y\n1,5;Grün;1\n2;Weiß;2\n";
        Table utf8 = read(text.getBytes(StandardCharsets.UTF_8));
        Table windows = read(text.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        assertEquals(List.of("Größe", "Farbe", "y"), windows.columns());
        assertEquals(utf8.columns(), windows.columns());
        for (int i = 0; i < utf8.rows().size(); i++) {
            assertArrayEquals(utf8.rows().get(i), windows.rows().get(i), "row " + i);
        }
        assertEquals("Weiß", windows.rows().get(1)[1]);
    }

    @Test
    void aCharacterCutAtTheEndOfTheSampleIsStillUtf8() {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        byte[] cut = {'a', e[0]};
        assertTrue(TextEncoding.isUtf8(cut, false));
        assertFalse(TextEncoding.isUtf8(cut, true));
        assertFalse(TextEncoding.isUtf8(new byte[] {'a', (byte) 0xE9, 'b'}, false));
        assertTrue(TextEncoding.isUtf8(new byte[0], true));
    }

    @Test
    void aQuoteLeftOpenInTheHeaderIsNotValidCsv() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("id,\"x,label\n1,0.5,cat\n"));
        assertTrue(e.getMessage().startsWith("t.csv is not valid CSV: "), e.getMessage());
    }
}
