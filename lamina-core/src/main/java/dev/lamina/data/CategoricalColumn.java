package dev.lamina.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A categorical feature, as Keras' {@code StringLookup} then {@code CategoryEncoding}: a vocabulary
 * learned from the training rows (most frequent first, ties in string order; tokens seen fewer than
 * {@code minFrequency} times, or beyond {@code maxTokens}, left out), one out-of-vocabulary index
 * before it ({@code num_oov_indices=1}) for values training never saw, and the output either
 * {@code one_hot} (one value per index) or {@code index} (the index itself, for an embedding).
 * A missing cell is the token {@value #MISSING_TOKEN}, a category like any other (it has its own
 * place in the vocabulary when training rows had missing cells, else it is out of vocabulary).
 *
 * @param name the column
 * @param output {@code one_hot} or {@code index}
 * @param numOovIndices 1 (unseen values share one bucket) or 0 (an unseen value is an error)
 * @param minFrequency the fewest training rows a token needs to be in the vocabulary (1 or more)
 * @param maxTokens the most indices, out-of-vocabulary included (0: no limit), as Keras' {@code max_tokens}
 * @param vocabulary the learned tokens in index order after the out-of-vocabulary index, or null before adapting
 */
public record CategoricalColumn(String name, String output, int numOovIndices, int minFrequency, int maxTokens,
                                List<String> vocabulary) implements ColumnSpec {
    /** The token a missing cell becomes. */
    public static final String MISSING_TOKEN = "(missing)";
    /** The most tokens a vocabulary may hold (a file may not make a loader allocate more). */
    public static final int MAX_VOCABULARY = 1 << 16;
    /** The longest token kept. */
    public static final int MAX_TOKEN_LENGTH = 1024;
    static final List<String> OUTPUTS = List.of("one_hot", "index");

    /**
     * Checks the settings and the vocabulary (distinct tokens, within the limits).
     *
     * @throws IllegalArgumentException naming the column and what is wrong
     */
    public CategoricalColumn {
        ColumnSpec.checkName(name);
        ColumnSpec.checkChoice(name, "output", output, OUTPUTS);
        if (numOovIndices < 0 || numOovIndices > 1 || minFrequency < 1 || maxTokens < 0
                || maxTokens > MAX_VOCABULARY + 1 || maxTokens > 0 && maxTokens <= numOovIndices) {
            throw new IllegalArgumentException("Categorical column '" + name + "': num_oov_indices " + numOovIndices
                    + " (0 or 1), min_frequency " + minFrequency + " (1 or more) and max_tokens " + maxTokens
                    + " (0 for no limit, else more than the out-of-vocabulary indices, at most " + (MAX_VOCABULARY + 1)
                    + ") are out of range.");
        }
        if (vocabulary != null) {
            vocabulary = List.copyOf(vocabulary);
            if (vocabulary.size() > MAX_VOCABULARY || maxTokens > 0 && vocabulary.size() + numOovIndices > maxTokens) {
                throw new IllegalArgumentException("Categorical column '" + name + "' has " + vocabulary.size()
                        + " tokens, more than its limit.");
            }
            if (vocabulary.size() + numOovIndices == 0) {
                throw new IllegalArgumentException("Categorical column '" + name + "' has no token and no"
                        + " out-of-vocabulary index; it would encode nothing.");
            }
            if (new java.util.HashSet<>(vocabulary).size() != vocabulary.size()) {
                throw new IllegalArgumentException("Categorical column '" + name + "' lists a token twice.");
            }
            for (String t : vocabulary) {
                if (t.length() > MAX_TOKEN_LENGTH) {
                    throw new IllegalArgumentException("Categorical column '" + name + "' has a token of " + t.length()
                            + " characters, more than " + MAX_TOKEN_LENGTH + ".");
                }
            }
        }
    }

    /** One-hot with one out-of-vocabulary index and every token (to adapt). */
    public static CategoricalColumn of(String name) {
        return new CategoricalColumn(name, "one_hot", 1, 1, 0, null);
    }

    /** This column keeping only tokens seen at least {@code times} in training. */
    public CategoricalColumn minFrequency(int times) {
        return new CategoricalColumn(name, output, numOovIndices, times, maxTokens, null);
    }

    /** This column with at most {@code tokens} indices, out-of-vocabulary included. */
    public CategoricalColumn maxTokens(int tokens) {
        return new CategoricalColumn(name, output, numOovIndices, minFrequency, tokens, null);
    }

    /** This column writing {@code one_hot} or {@code index}. */
    public CategoricalColumn output(String kind) {
        return new CategoricalColumn(name, kind, numOovIndices, minFrequency, maxTokens, null);
    }

    /** This column with 1 or 0 out-of-vocabulary indices. */
    public CategoricalColumn numOovIndices(int n) {
        return new CategoricalColumn(name, output, n, minFrequency, maxTokens, null);
    }

    @Override
    public String kind() {
        return "categorical";
    }

    @Override
    public boolean adapted() {
        return vocabulary != null;
    }

    /** The number of indices: out-of-vocabulary ones, then the vocabulary (an embedding's {@code input_dim}). */
    public int indices() {
        return numOovIndices + (vocabulary == null ? 0 : vocabulary.size());
    }

    @Override
    public List<String> outputNames() {
        if (output.equals("index")) {
            return List.of(name);
        }
        List<String> out = new ArrayList<>();
        if (numOovIndices == 1) {
            out.add(name + "=[OOV]");
        }
        if (vocabulary != null) {
            vocabulary.forEach(t -> out.add(name + "=" + t));
        }
        return out;
    }

    @Override
    public CategoricalColumn adapt(List<String> cells, List<Long> lines, String source) {
        Map<String, Integer> counts = new HashMap<>();
        for (String c : cells) {
            counts.merge(token(c), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        int room = Math.min(MAX_VOCABULARY, maxTokens == 0 ? Integer.MAX_VALUE : maxTokens - numOovIndices);
        List<String> vocab = new ArrayList<>();
        for (Map.Entry<String, Integer> e : ranked) {
            if (e.getValue() >= minFrequency && vocab.size() < room && e.getKey().length() <= MAX_TOKEN_LENGTH) {
                vocab.add(e.getKey());
            }
        }
        if (vocab.isEmpty() && numOovIndices == 0) {
            throw new DataFormatException(source + ", column '" + name + "': no value is seen " + minFrequency
                    + " times or more; lower min_frequency or allow an out-of-vocabulary index.");
        }
        return new CategoricalColumn(name, output, numOovIndices, minFrequency, maxTokens, vocab);
    }

    @Override
    public CellEncoder encoder() {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            positions.put(vocabulary.get(i), i);
        }
        return (cell, out, at, report, source, line) -> encode(positions, cell, out, at, report, source, line);
    }

    private int encode(Map<String, Integer> positions, String cell, float[] out, int at, EncodeReport report,
                       String source, long line) {
        String t = token(cell);
        if (t.equals(MISSING_TOKEN)) {
            report.missing(name);
        }
        int i = positions.getOrDefault(t, -1);
        if (i < 0) {
            if (numOovIndices == 0) {
                throw new DataFormatException(source + " line " + line + ", column '" + name + "': \"" + cell + "\" was"
                        + " not seen in training, and the column has no out-of-vocabulary index.");
            }
            report.unseen(name, t);
            i = 0;
        } else {
            i += numOovIndices;
        }
        if (output.equals("index")) {
            out[at] = i;
            return 1;
        }
        int width = indices();
        for (int k = 0; k < width; k++) {
            out[at + k] = 0f;
        }
        out[at + i] = 1f;
        return width;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "categorical  %s, %s tokens%s%s", output,
                vocabulary == null ? "?" : Integer.toString(vocabulary.size()),
                numOovIndices == 1 ? " + out-of-vocabulary" : "",
                minFrequency > 1 ? " (seen " + minFrequency + "+ times)" : "");
    }

    private static String token(String cell) {
        return Missing.is(cell) ? MISSING_TOKEN : cell.trim();
    }
}
