package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a table's columns become the network's inputs, as Keras' {@code FeatureSpace} or
 * scikit-learn's {@code ColumnTransformer}: per column numeric (imputed, optionally with a missing
 * indicator, scaled), categorical (a vocabulary with an out-of-vocabulary bucket, one-hot or
 * index) or ignored. {@link #infer} proposes one from a table; {@link #with} overrides a column;
 * {@link #adapt} learns on the training rows only; {@link #transform} encodes any table with the
 * same columns (others are ignored), counting missing and unseen values. Immutable: adapting
 * returns a new spec, and an adapted spec is saved inside the model.
 *
 * <pre>{@code
 * FeatureSpec spec = FeatureSpec.infer(train, List.of("survived"))
 *         .with(CategoricalColumn.of("pclass")).adapt(train);
 * Tensor x = spec.transform(table, report);
 * }</pre>
 */
public final class FeatureSpec {
    /** The most columns a spec may have. */
    public static final int MAX_COLUMNS = 1 << 14;
    /** Integer columns with at most this many distinct values are inferred categorical. */
    static final int FEW_INTEGERS = 3;
    /** Text columns with more distinct values than this fraction of their rows look like identifiers. */
    static final double IDENTIFIER_SHARE = 0.5;
    /** Dates as tables write them: 2024-01-31, 31/01/2024, 01/31/2024, 31.01.2024, with a time or not. */
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})([T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?");

    private final List<ColumnSpec> columns;

    /**
     * A spec of these columns, in this order.
     *
     * @throws IllegalArgumentException for no column, too many, or a name given twice
     */
    public FeatureSpec(List<ColumnSpec> columns) {
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty() || this.columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("A feature spec needs 1 to " + MAX_COLUMNS + " columns; got "
                    + this.columns.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnSpec c : this.columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("The feature spec names column '" + c.name() + "' twice.");
            }
        }
        if (outputCount() == 0 && adapted()) {
            throw new IllegalArgumentException("The feature spec ignores every column; the model would have no input.");
        }
    }

    /**
     * Proposes a spec for every column of {@code table} but {@code exclude} (the targets, weights):
     * numbers are numeric (median imputed, standard scaled, no missing indicator, as scikit-learn's
     * {@code SimpleImputer} defaults), unless they are integers with at most 3 distinct values (then
     * categorical) or over 20 integers all different (an identification number: ignored); text is
     * categorical, keeping values seen twice or more when there are over 20 of them, unless the
     * column has more distinct values than half its rows (an identifier or free text: ignored); a
     * column with no value is ignored.
     */
    public static FeatureSpec infer(Table table, Collection<String> exclude) {
        List<ColumnSpec> cols = new ArrayList<>();
        for (int j = 0; j < table.columns().size(); j++) {
            String name = table.columns().get(j);
            if (!exclude.contains(name)) {
                cols.add(inferColumn(name, cells(table, j)));
            }
        }
        if (cols.isEmpty()) {
            throw new DataFormatException(table.source() + " has no feature columns besides " + exclude + ".");
        }
        return new FeatureSpec(cols);
    }

    private static ColumnSpec inferColumn(String name, List<String> cells) {
        Set<String> distinct = new HashSet<>();
        int present = 0;
        boolean numbers = true;
        boolean integers = true;
        for (String c : cells) {
            if (Missing.is(c)) {
                continue;
            }
            present++;
            String t = c.trim();
            distinct.add(t);
            String number = numbers ? CsvNumbers.plain(t) : null;
            if (number == null) {
                numbers = false;
            }
            if (numbers && integers) {
                double v = Double.parseDouble(number);
                integers = v == Math.rint(v) && Math.abs(v) < 1e9;
            }
        }
        if (present == 0) {
            return new IgnoredColumn(name, "no values");
        }
        if (numbers && integers && present > 20 && distinct.size() == present) {
            return new IgnoredColumn(name, "identification number: " + present + " integers, all different");
        }
        if (numbers && !(integers && distinct.size() <= FEW_INTEGERS)) {
            return NumericColumn.of(name);
        }
        if (!numbers && distinct.size() > 20 && distinct.size() > IDENTIFIER_SHARE * present) {
            if (distinct.stream().allMatch(FeatureSpec::looksLikeDate)) {
                return new IgnoredColumn(name, "dates or times: " + distinct.size() + " distinct values in " + present
                        + " rows; derive columns such as the year, month or weekday to train on them");
            }
            return new IgnoredColumn(name, "identifier or free text: " + distinct.size() + " distinct values in "
                    + present + " rows");
        }
        CategoricalColumn c = CategoricalColumn.of(name);
        return distinct.size() > 20 ? c.minFrequency(2) : c;
    }

    private static boolean looksLikeDate(String cell) {
        return DATE.matcher(cell).matches();
    }

    /** This spec with {@code column} in place of the column of the same name. */
    public FeatureSpec with(ColumnSpec column) {
        List<ColumnSpec> out = new ArrayList<>(columns);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(column.name())) {
                out.set(i, column);
                return new FeatureSpec(out);
            }
        }
        throw new IllegalArgumentException("The feature spec has no column '" + column.name() + "'; its columns are "
                + ColumnNames.listed(names()) + "." + ColumnNames.suggestion(names(), column.name()));
    }

    /** This spec with every column learned from {@code table}'s rows (the training rows only). */
    public FeatureSpec adapt(Table table) {
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec c : columns) {
            out.add(c.adapt(cells(table, table.column(c.name())), table.lines(), table.source()));
        }
        return new FeatureSpec(out);
    }

    /** The columns, in order. */
    public List<ColumnSpec> columns() {
        return columns;
    }

    /** The column names, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        columns.forEach(c -> out.add(c.name()));
        return out;
    }

    /** The columns a table must have: every column the spec does not ignore. */
    public List<String> inputColumns() {
        List<String> out = new ArrayList<>();
        for (ColumnSpec c : columns) {
            if (!(c instanceof IgnoredColumn)) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Whether every column has adapted. */
    public boolean adapted() {
        return columns.stream().allMatch(ColumnSpec::adapted);
    }

    /** The names of the network's inputs, in order (one-hot values named {@code column=token}). */
    public List<String> outputNames() {
        List<String> out = new ArrayList<>();
        columns.forEach(c -> out.addAll(c.outputNames()));
        return out;
    }

    private int outputCount() {
        int n = 0;
        for (ColumnSpec c : columns) {
            n += c.outputNames().size();
        }
        return n;
    }

    /**
     * The network's inputs for every row of {@code table}, one row each, in order; missing cells and
     * unseen categories are counted in {@code report}.
     *
     * @throws IllegalStateException before {@link #adapt}
     * @throws DataFormatException naming a missing column, or the row and column of a bad cell
     */
    public Tensor transform(Table table, EncodeReport report) {
        if (!adapted()) {
            throw new IllegalStateException("The feature spec has not learned from training rows: call adapt(table)"
                    + " first.");
        }
        int width = outputCount();
        int rows = table.rows().size();
        if ((long) rows * width > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(table.source() + ": " + rows + " rows of " + width + " inputs are more"
                    + " values than one array holds; predict in parts.");
        }
        List<CellEncoder> encoders = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (ColumnSpec c : columns) {
            if (!(c instanceof IgnoredColumn)) {
                encoders.add(c.encoder());
                at.add(table.column(c.name()));
            }
        }
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            String[] row = table.rows().get(r);
            int o = r * width;
            for (int k = 0; k < encoders.size(); k++) {
                o += encoders.get(k).encode(row[at.get(k)], out, o, report, table.source(), table.lines().get(r));
            }
        }
        return Tensor.wrap(out, rows, width);
    }

    /** The spec as one table: column, kind and settings, and the number of inputs it makes. */
    public String describe() {
        int w = 6;
        for (ColumnSpec c : columns) {
            w = Math.max(w, c.name().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + w + "s  %6s  %s%n", "column", "inputs", "encoding"));
        for (ColumnSpec c : columns) {
            sb.append(String.format("%-" + w + "s  %6s  %s%n", c.name(),
                    c.adapted() ? Integer.toString(c.outputNames().size()) : "?", c.describe()));
        }
        if (adapted()) {
            sb.append(outputCount()).append(" inputs from ").append(inputColumns().size()).append(" columns.\n");
        }
        return sb.toString();
    }

    /** The spec as numbers, strings and lists (for saving with the model; see {@code FeatureSpecs}). */
    public List<Map<String, Object>> state() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ColumnSpec c : columns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("kind", c.kind());
            if (c instanceof NumericColumn n) {
                m.put("impute", n.impute());
                m.put("fill", n.fill());
                m.put("indicator", n.indicator());
                m.put("scaling", n.scaling());
                m.put("imputed", n.imputed());
                m.put("offset", n.offset());
                m.put("scale", n.scale());
            } else if (c instanceof CategoricalColumn k) {
                m.put("output", k.output());
                m.put("num_oov_indices", k.numOovIndices());
                m.put("min_frequency", k.minFrequency());
                m.put("max_tokens", k.maxTokens());
                m.put("vocabulary", k.vocabulary());
            } else if (c instanceof IgnoredColumn i) {
                m.put("reason", i.reason());
            }
            out.add(m);
        }
        return out;
    }

    /**
     * The spec {@link #state()} wrote, checked as hostile input: known kinds and settings only,
     * numbers finite, vocabularies within their limits.
     *
     * @throws IllegalArgumentException naming the column and what is wrong
     */
    public static FeatureSpec fromState(Object state) {
        if (!(state instanceof List<?> list) || list.isEmpty() || list.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("feature_spec must be a list of 1 to " + MAX_COLUMNS + " columns.");
        }
        List<ColumnSpec> cols = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("feature_spec: a column is not an object.");
            }
            String name = text(m, "name");
            String kind = text(m, "kind");
            cols.add(switch (kind) {
                case "numeric" -> new NumericColumn(name, text(m, "impute"), number(m, "fill"), flag(m, "indicator"),
                        text(m, "scaling"), number(m, "imputed"), number(m, "offset"), number(m, "scale"));
                case "categorical" -> new CategoricalColumn(name, text(m, "output"), integer(m, "num_oov_indices"),
                        integer(m, "min_frequency"), integer(m, "max_tokens"), tokens(m));
                case "ignored" -> new IgnoredColumn(name, text(m, "reason"));
                default -> throw new IllegalArgumentException("feature_spec column '" + name + "': unknown kind '"
                        + kind + "'.");
            });
        }
        FeatureSpec spec = new FeatureSpec(cols);
        if (!spec.adapted()) {
            throw new IllegalArgumentException("feature_spec has a column that never learned from training rows.");
        }
        return spec;
    }

    private static String text(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof String s) || s.length() > 1024) {
            throw new IllegalArgumentException("feature_spec: '" + key + "' must be a string of at most 1024"
                    + " characters.");
        }
        return s;
    }

    private static double number(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("feature_spec: '" + key + "' must be a number.");
        }
        return n.doubleValue();
    }

    private static int integer(Map<?, ?> m, String key) {
        double d = number(m, key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("feature_spec: '" + key + "' must be an integer.");
        }
        return (int) d;
    }

    private static boolean flag(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("feature_spec: '" + key + "' must be true or false.");
        }
        return b;
    }

    private static List<String> tokens(Map<?, ?> m) {
        if (!(m.get("vocabulary") instanceof List<?> l) || l.size() > CategoricalColumn.MAX_VOCABULARY) {
            throw new IllegalArgumentException("feature_spec: 'vocabulary' must be a list of at most "
                    + CategoricalColumn.MAX_VOCABULARY + " tokens.");
        }
        List<String> out = new ArrayList<>();
        for (Object t : l) {
            if (!(t instanceof String s)) {
                throw new IllegalArgumentException("feature_spec: a vocabulary token is not a string.");
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSpec f && f.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSpec" + names();
    }

    private static List<String> cells(Table table, int column) {
        List<String> out = new ArrayList<>(table.rows().size());
        for (String[] row : table.rows()) {
            out.add(row[column]);
        }
        return out;
    }
}
