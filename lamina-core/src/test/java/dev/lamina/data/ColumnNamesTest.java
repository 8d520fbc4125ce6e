package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {
    @Test
    void findsWhatAListFindsAndStaysEqualToIt() {
        List<String> plain = List.of("a", "b", "a", "c");
        List<String> names = ColumnNames.of(plain);
        assertEquals(plain, names);
        assertEquals(plain.hashCode(), names.hashCode());
        for (String n : List.of("a", "b", "c", "d", "")) {
            assertEquals(plain.indexOf(n), names.indexOf(n), n);
            assertEquals(plain.lastIndexOf(n), names.lastIndexOf(n), n);
            assertEquals(plain.contains(n), names.contains(n), n);
        }
        assertEquals(-1, names.indexOf(null));
        assertSame(names, ColumnNames.of(names));
        assertThrows(UnsupportedOperationException.class, () -> names.set(0, "z"));
    }

    @Test
    void copiesSoThatTheCallersListCanChange() {
        List<String> mutable = new ArrayList<>(List.of("x", "y"));
        List<String> names = ColumnNames.of(mutable);
        mutable.set(0, "z");
        assertEquals(List.of("x", "y"), names);
        assertEquals(0, names.indexOf("x"));
    }

    @Test
    void aTableLooksUpItsColumnsThroughTheIndex() {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            header.add("c" + i);
        }
        Table t = new Table("t.csv", header, List.of(), List.of());
        assertTrue(t.columns() instanceof ColumnNames);
        assertEquals(999, t.column("c999"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> t.column("C5 "));
        assertEquals("t.csv has no column 'C5 '; its columns are: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11,"
                + " c12, c13, c14, c15, c16, c17, c18, c19 and 980 more. Did you mean 'c5'?", e.getMessage());
    }

    @Test
    void listsUpToTwentyNamesInFull() {
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < ColumnNames.LISTED; i++) {
            twenty.add("n" + i);
        }
        assertEquals(String.join(", ", twenty), ColumnNames.listed(twenty));
        twenty.add("last");
        assertTrue(ColumnNames.listed(twenty).endsWith("n19 and 1 more"), ColumnNames.listed(twenty));
        assertFalse(ColumnNames.listed(twenty).contains("last"));
        assertEquals("", ColumnNames.suggestion(twenty, "nothing"));
    }
}
