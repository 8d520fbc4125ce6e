package dev.lamina.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A numeric feature: missing cells imputed (scikit-learn's {@code SimpleImputer} strategies), an
 * optional indicator column that is 1 where the cell was missing ({@code add_indicator}), then
 * scaled ({@code standard}: by the mean and population standard deviation, as
 * {@code StandardScaler}; {@code minmax}; or {@code none}). What {@link #adapt} learns is part of
 * the record, so an adapted column is a value that saves and loads.
 *
 * @param name the column
 * @param impute {@code mean}, {@code median}, {@code most_frequent} or {@code constant}
 * @param fill the value {@code constant} imputes (ignored by the other strategies)
 * @param indicator whether to add the missing-indicator column
 * @param scaling {@code standard}, {@code minmax} or {@code none}
 * @param imputed the value a missing cell becomes (NaN before adapting)
 * @param offset subtracted after imputing (0 before adapting)
 * @param scale divided by after subtracting (1 before adapting)
 */
public record NumericColumn(String name, String impute, double fill, boolean indicator, String scaling,
                            double imputed, double offset, double scale) implements ColumnSpec {
    static final List<String> IMPUTE = List.of("mean", "median", "most_frequent", "constant");
    static final List<String> SCALING = List.of("standard", "minmax", "none");

    /**
     * Checks the settings and the learned numbers.
     *
     * @throws IllegalArgumentException naming the column and the bad value
     */
    public NumericColumn {
        ColumnSpec.checkName(name);
        ColumnSpec.checkChoice(name, "impute", impute, IMPUTE);
        ColumnSpec.checkChoice(name, "scaling", scaling, SCALING);
        if (!Double.isFinite(fill) || !(Double.isNaN(imputed) || Double.isFinite(imputed)) || !Double.isFinite(offset)
                || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Numeric column '" + name + "': fill " + fill + ", imputed " + imputed
                    + ", offset " + offset + " and scale " + scale + " must be finite, the scale positive.");
        }
    }

    /** A numeric column with median imputation, no indicator, standard scaling (to adapt). */
    public static NumericColumn of(String name) {
        return new NumericColumn(name, "median", 0, false, "standard", Double.NaN, 0, 1);
    }

    /** This column with another imputation strategy ({@code fill} for {@code constant}). */
    public NumericColumn impute(String strategy, double fill) {
        return new NumericColumn(name, strategy, fill, indicator, scaling, Double.NaN, 0, 1);
    }

    /** This column with or without the missing-indicator column. */
    public NumericColumn indicator(boolean add) {
        return new NumericColumn(name, impute, fill, add, scaling, Double.NaN, 0, 1);
    }

    /** This column with another scaling. */
    public NumericColumn scaling(String kind) {
        return new NumericColumn(name, impute, fill, indicator, kind, Double.NaN, 0, 1);
    }

    @Override
    public boolean adapted() {
        return !Double.isNaN(imputed);
    }

    @Override
    public String kind() {
        return "numeric";
    }

    @Override
    public List<String> outputNames() {
        return indicator ? List.of(name, name + "_missing") : List.of(name);
    }

    /**
     * Learns the imputed value and the scaling from the column's cells on the training rows (the
     * scaling from the imputed values, as scikit-learn's imputer-then-scaler pipeline).
     */
    @Override
    public NumericColumn adapt(List<String> cells, List<Long> lines, String source) {
        double[] v = new double[cells.size()];
        int n = 0;
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (!Missing.is(c)) {
                v[n++] = parse(c, source + " line " + lines.get(i));
            }
        }
        double imp = switch (impute) {
            case "constant" -> fill;
            case "mean" -> n == 0 ? 0 : mean(v, n);
            case "median" -> n == 0 ? 0 : median(Arrays.copyOf(v, n));
            default -> n == 0 ? 0 : mostFrequent(Arrays.copyOf(v, n));
        };
        double[] all = new double[cells.size()];
        for (int i = 0, k = 0; i < cells.size(); i++) {
            all[i] = Missing.is(cells.get(i)) ? imp : v[k++];
        }
        double off = 0;
        double sc = 1;
        if (scaling.equals("standard") && all.length > 0) {
            off = mean(all, all.length);
            double sq = 0;
            for (double a : all) {
                sq += (a - off) * (a - off);
            }
            sc = Math.sqrt(sq / all.length);
        } else if (scaling.equals("minmax") && all.length > 0) {
            off = Arrays.stream(all).min().orElse(0);
            sc = Arrays.stream(all).max().orElse(1) - off;
        }
        if (!(sc > 0) || !Double.isFinite(sc)) {
            sc = 1; // a constant column is shifted, not divided by 0 (scikit-learn's rule)
        }
        return new NumericColumn(name, impute, fill, indicator, scaling, imp, off, sc);
    }

    @Override
    public CellEncoder encoder() {
        return this::encode;
    }

    private int encode(String cell, float[] out, int at, EncodeReport report, String source, long line) {
        boolean missing = Missing.is(cell);
        double x = missing ? imputed : parse(cell, source + " line " + line);
        if (missing) {
            report.missing(name);
        }
        out[at] = (float) ((x - offset) / scale);
        if (indicator) {
            out[at + 1] = missing ? 1f : 0f;
            return 2;
        }
        return 1;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "numeric      impute %s%s, %s%s", impute,
                impute.equals("constant") ? " " + fill : "", scaling, indicator ? ", missing indicator" : "");
    }

    private double parse(String cell, String where) {
        String c = CsvNumbers.plain(cell);
        if (c == null) {
            throw new DataFormatException(where + ", column '" + name + "': \"" + cell + "\" is not a number; treat the"
                    + " column as categorical (--categorical " + name + ").");
        }
        double x = Double.parseDouble(c);
        if (!Double.isFinite(x)) {
            throw new DataFormatException(where + ", column '" + name + "': " + cell + " is not a finite number.");
        }
        return x;
    }

    private static double mean(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s / n;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The most frequent value, the smallest of those tied (scikit-learn's rule). */
    private static double mostFrequent(double[] v) {
        Arrays.sort(v);
        double best = v[0];
        int bestRun = 0;
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j < v.length && v[j] == v[i]) {
                j++;
            }
            if (j - i > bestRun) {
                bestRun = j - i;
                best = v[i];
            }
            i = j;
        }
        return best;
    }
}
