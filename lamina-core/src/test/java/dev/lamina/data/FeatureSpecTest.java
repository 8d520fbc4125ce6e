package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A feature spec encodes the titanic table as scikit-learn's imputer + scaler + one-hot
 * pipeline does; infers sensible kinds; counts missing and unseen values; survives its own state;
 * refuses hostile states with one line.
 */
class FeatureSpecTest {
    static Table titanic() throws IOException {
        try (InputStream in = FeatureSpecTest.class.getResourceAsStream("/datasets/titanic/titanic.csv")) {
            return CsvReader.read("titanic.csv", in);
        }
    }

    private static Table rows(Table t, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return t.select(idx);
    }

    @Test
    void theTitanicEncodingIsScikitLearnsPipelines() throws IOException {
        JsonNode ref;
        try (InputStream in = FeatureSpecTest.class.getResourceAsStream("titanic_sklearn.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        List<ColumnSpec> cols = new ArrayList<>();
        ref.get("numeric").forEach(n -> cols.add(NumericColumn.of(n.asText())));
        ref.get("categorical").forEach(n -> cols.add(CategoricalColumn.of(n.asText())));
        Table all = titanic();
        FeatureSpec spec = new FeatureSpec(cols).adapt(rows(all, 0, 1000));
        EncodeReport report = new EncodeReport();
        Tensor x = spec.transform(rows(all, 1000, all.rows().size()), report);
        List<String> names = spec.outputNames();
        JsonNode values = ref.get("values");
        assertEquals(values.size(), x.rows());
        for (int k = 0; k < ref.get("names").size(); k++) {
            String name = ref.get("names").get(k).asText();
            int j = names.indexOf(name);
            assertTrue(j >= 0, name + " is not among " + names);
            for (int i = 0; i < x.rows(); i++) {
                assertEquals(values.get(i).get(k).asDouble(), x.get(i, j), 2e-6, name + " row " + i);
            }
        }
        // Every other column is an out-of-vocabulary bucket, empty here: the test rows hold no new category.
        for (String n : names) {
            if (n.endsWith("=[OOV]")) {
                int j = names.indexOf(n);
                for (int i = 0; i < x.rows(); i++) {
                    assertEquals(0f, x.get(i, j), n);
                }
            }
        }
        assertTrue(report.missing().get("age") > 0, "the test rows have missing ages: " + report.missing());
    }

    @Test
    void inferenceReadsTheColumnsAsAPersonWould() throws IOException {
        FeatureSpec spec = FeatureSpec.infer(titanic(), List.of("survived"));
        Map<String, String> kinds = new java.util.HashMap<>();
        spec.columns().forEach(c -> kinds.put(c.name(), c.kind()));
        assertEquals("categorical", kinds.get("pclass"), "three integers are categories");
        assertEquals("categorical", kinds.get("sex"));
        assertEquals("categorical", kinds.get("embarked"));
        assertEquals("numeric", kinds.get("age"));
        assertEquals("numeric", kinds.get("fare"));
        assertEquals("numeric", kinds.get("sibsp"));
        assertEquals("ignored", kinds.get("name"), "names are identifiers");
        assertEquals("ignored", kinds.get("ticket"));
        assertEquals("ignored", kinds.get("body"), "body numbers are all different integers: identification numbers");
        assertFalse(((NumericColumn) spec.columns().get(spec.names().indexOf("age"))).indicator(),
                "no missing indicator unless asked for, as scikit-learn's SimpleImputer");
        assertTrue(spec.describe().contains("identifier or free text"), spec.describe());
    }

    @Test
    void unseenAndMissingValuesAreCountedPerColumn() {
        Table train = new Table("t", List.of("c", "n"), List.of(new String[] {"a", "1"}, new String[] {"b", "3"},
                new String[] {"a", ""}), List.of(2L, 3L, 4L));
        FeatureSpec spec = new FeatureSpec(List.of(CategoricalColumn.of("c"), NumericColumn.of("n").indicator(true)))
                .adapt(train);
        assertEquals(List.of("c=[OOV]", "c=a", "c=b", "n", "n_missing"), spec.outputNames());
        Table fresh = new Table("f", List.of("n", "c"), List.of(new String[] {"", "z"}, new String[] {"2", "a"},
                new String[] {"?", ""}), List.of(2L, 3L, 4L));
        EncodeReport r = new EncodeReport();
        Tensor x = spec.transform(fresh, r);
        // median of the training values 1 and 3 is 2; the imputed training column is 1, 3, 2: mean 2, std sqrt(2/3)
        float z2 = 0f;
        assertArrayEquals(new float[] {1, 0, 0, z2, 1, 0, 1, 0, z2, 0, 1, 0, 0, z2, 1}, x.data(), 1e-6f);
        assertEquals(Map.of("n", 2L, "c", 1L), r.missing());
        assertEquals(Map.of("c", 2L), r.unseen());
        assertEquals("c: 1 missing, 2 unseen in training, sent to the out-of-vocabulary bucket: z (1), (missing) (1)",
                r.lines().get(1));
    }

    @Test
    void aSpecSurvivesItsStateAndHostileStatesAreRefused() throws IOException {
        Table all = titanic();
        FeatureSpec spec = FeatureSpec.infer(all, List.of("survived")).adapt(all);
        Object state = new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(spec.state()), Object.class);
        assertEquals(spec, FeatureSpec.fromState(state));
        for (String bad : List.of("[]", "{}", "[{\"name\":\"a\",\"kind\":\"numeric\"}]",
                "[{\"name\":\"a\",\"kind\":\"magic\"}]",
                "[{\"name\":\"a\",\"kind\":\"categorical\",\"output\":\"one_hot\",\"num_oov_indices\":1,"
                        + "\"min_frequency\":1,\"max_tokens\":0,\"vocabulary\":[\"x\",\"x\"]}]",
                "[{\"name\":\"a\",\"kind\":\"numeric\",\"impute\":\"median\",\"fill\":0,\"indicator\":false,"
                        + "\"scaling\":\"standard\",\"imputed\":1,\"offset\":0,\"scale\":0}]",
                "[{\"name\":\"a\",\"kind\":\"categorical\",\"output\":\"one_hot\",\"num_oov_indices\":7,"
                        + "\"min_frequency\":1,\"max_tokens\":0,\"vocabulary\":[]}]")) {
            Object s = new ObjectMapper().readValue(bad, Object.class);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpec.fromState(s),
                    bad);
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aColumnOfDatesIsIgnoredWithAHintNotCalledFreeText() {
        List<String[]> rows = new java.util.ArrayList<>();
        List<Long> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String iso = String.format(java.util.Locale.ROOT, "2024-%02d-%02d", 1 + i % 12, 1 + i % 28);
            String european = String.format(java.util.Locale.ROOT, "%02d.%02d.2023 10:%02d", 1 + i % 28, 1 + i % 12, i);
            rows.add(new String[] {iso, european, "note " + i, Double.toString(i / 7.0), Integer.toString(i % 2)});
            lines.add(i + 2L);
        }
        Table t = new Table("d.csv", List.of("day", "stamp", "note", "x", "y"), rows, lines);
        FeatureSpec spec = FeatureSpec.infer(t, List.of("y"));
        for (int j = 0; j < 2; j++) {
            IgnoredColumn c = (IgnoredColumn) spec.columns().get(j);
            assertTrue(c.reason().startsWith("dates or times") && c.reason().contains("weekday"), c.reason());
        }
        assertTrue(((IgnoredColumn) spec.columns().get(2)).reason().startsWith("identifier or free text"));
    }
}
