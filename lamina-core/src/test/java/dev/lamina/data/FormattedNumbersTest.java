package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers as spreadsheets format them for people: currency signs, thousands commas, percent signs. */
class FormattedNumbersTest {
    @Test
    void formattedNumbersReadAsTheNumbersWritten() {
        String[][] cases = {
            {"$1,234.50", "1234.50"}, {"-$3.00", "-3.00"}, {"$-3", "-3"}, {"€ 12", "12"}, {"12 €", "12"},
            {"£1,000,000", "1000000"}, {"12.5%", "12.5"}, {"-0.5 %", "-0.5"}, {"12,345,678", "12345678"},
            {" 7 ", "7"}, {"1e3", "1e3"}, {"¥500", "500"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], CsvNumbers.plain(c[0]), c[0]);
        }
        // A comma that does not separate groups of three, two signs, a sign alone, or words: text.
        for (String text : new String[] {"1,5", "12,34", "1234,567", "$", "%", "$$5", "5%%", "1,234.5.6", "abc",
            "12 apples", "$1e3", "1,,234", "-", "$ ", "5 $ 6"}) {
            assertNull(CsvNumbers.plain(text), text);
        }
    }

    @Test
    void aColumnOfFormattedNumbersIsNumericAndReadsTheSameAsPlainOne(@TempDir Path dir) throws Exception {
        StringBuilder formatted = new StringBuilder("price,share,y\n");
        StringBuilder plain = new StringBuilder("price,share,y\n");
        for (int i = 0; i < 60; i++) {
            double price = 100 + 97.25 * i;
            double share = (i * 7 % 100) / 4.0;
            formatted.append(String.format(java.util.Locale.ROOT, "\"$%,.2f\",%.2f%%,%d%n", price, share, i % 2));
            plain.append(String.format(java.util.Locale.ROOT, "%.2f,%.2f,%d%n", price, share, i % 2));
        }
        Table a = CsvReader.read(Files.writeString(dir.resolve("formatted.csv"), formatted));
        Table b = CsvReader.read(Files.writeString(dir.resolve("plain.csv"), plain));
        FeatureSpec spec = FeatureSpec.infer(a, List.of("y"));
        assertInstanceOf(NumericColumn.class, spec.columns().get(0));
        assertInstanceOf(NumericColumn.class, spec.columns().get(1));
        FeatureSpec adapted = spec.adapt(a);
        assertArrayEquals(adapted.transform(b, new EncodeReport()).data(), adapted.transform(a, new EncodeReport()).data());
        assertArrayEquals(b.numbers(List.of("price")).data(), a.numbers(List.of("price")).data());
    }

    @Test
    void formattedNumbersWithDecimalCommasInSemicolonFiles() {
        assertEquals("€ 1234.50", CsvNumbers.withDecimalPoint("€ 1.234,50"));
        assertEquals("12.5 %", CsvNumbers.withDecimalPoint("12,5 %"));
        assertEquals("1234.50", CsvNumbers.plain(CsvNumbers.withDecimalPoint("€ 1.234,50")));
        List<String> kept = new ArrayList<>(List.of("1,5 kg", "Rue 12,3", "Pack 2,5"));
        for (String k : kept) {
            assertEquals(k, CsvNumbers.withDecimalPoint(k), k);
        }
    }
}
