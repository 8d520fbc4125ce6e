package dev.lamina.data;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A header's column names as an unmodifiable list that finds a name in constant time.
 * {@link #indexOf} answers from a map of each name's first position. Looking up every column of a
 * wide table therefore takes time linear in its width: with a list's scan it was quadratic, about
 * three minutes for a header of 200,000 columns. The class also writes the bounded lists of names
 * that error messages show.
 */
public final class ColumnNames extends AbstractList<String> implements RandomAccess {
    /** How many names {@link #listed} shows before it gives the count of the rest. */
    public static final int LISTED = 20;

    private final String[] names;
    private final Map<String, Integer> first;

    private ColumnNames(List<String> names) {
        this.names = new String[names.size()];
        this.first = new HashMap<>(names.size() * 2);
        for (int i = 0; i < this.names.length; i++) {
            String n = Objects.requireNonNull(names.get(i), "column name");
            this.names[i] = n;
            first.putIfAbsent(n, i);
        }
    }

    /** {@code names} as column names: the same list if it already is one, else an unmodifiable copy. */
    public static List<String> of(List<String> names) {
        return names instanceof ColumnNames ? names : new ColumnNames(names);
    }

    @Override
    public String get(int index) {
        return names[index];
    }

    @Override
    public int size() {
        return names.length;
    }

    /** The first position of {@code o}, or -1; in constant time. */
    @Override
    public int indexOf(Object o) {
        Integer i = first.get(o);
        return i == null ? -1 : i;
    }

    @Override
    public boolean contains(Object o) {
        return first.containsKey(o);
    }

    /**
     * {@code names} for an error message: all of them, comma-separated, up to {@link #LISTED}; beyond
     * that the first {@code LISTED} and how many more there are, so that one line stays one line.
     */
    public static String listed(List<String> names) {
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED))
                + String.format(Locale.ROOT, " and %,d more", names.size() - LISTED);
    }

    /**
     * A hint for a name that is not among {@code columns}, to end an error message: the column it
     * matches when case and the spaces around it are ignored, as {@code " Did you mean 'Quality'?"},
     * or the empty string.
     */
    public static String suggestion(List<String> columns, String name) {
        String wanted = name.strip();
        for (String c : columns) {
            if (c.strip().equalsIgnoreCase(wanted)) {
                return " Did you mean '" + c + "'?";
            }
        }
        return "";
    }
}
