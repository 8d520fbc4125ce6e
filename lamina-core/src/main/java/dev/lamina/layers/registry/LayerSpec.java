package dev.lamina.layers.registry;

import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network written as text, as the command line's {@code --layers} takes it: layers separated by
 * spaces or commas, each a name with optional arguments in parentheses, positional first, then
 * {@code key=value} with Keras' argument names. A word may be quoted as in Python
 * ({@code activation='relu'}).
 *
 * <pre>
 * spec   := layer ( (' '+ | ' '* ',' ' '*) layer )*
 * layer  := name [ '(' [ arg (',' arg)* ] ')' ]
 * arg    := value | key '=' value
 * value  := number | word | 'word' | "word" | true | false | none
 * </pre>
 *
 * <p>Names and their positional arguments: {@code dense(units, activation)},
 * {@code dropout(rate)}, {@code batchnorm} (also {@code batch_normalization}),
 * {@code layernorm} (also {@code layer_normalization}), {@code activation(activation)},
 * {@code gaussian_noise(stddev)}, {@code gaussian_dropout(rate)}, {@code alpha_dropout(rate)},
 * {@code embedding(input_dim, output_dim)}, {@code flatten}, {@code relu(max_value, negative_slope,
 * threshold)}, {@code leaky_relu(negative_slope)}, {@code prelu}, {@code elu(alpha)}, {@code softmax},
 * {@code rms_normalization}, {@code unit_normalization}, {@code rescaling(scale, offset)},
 * {@code activity_regularization(l1, l2)}.
 * Example: {@code dense(1024, relu) dropout(0.3) batchnorm(momentum=0.9) dense(1)}. An error
 * points at the offending token.
 */
public final class LayerSpec {
    private record Kind(String className, List<String> positional) {}

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("dense", new Kind("Dense", List.of("units", "activation")));
        KINDS.put("dropout", new Kind("Dropout", List.of("rate")));
        KINDS.put("batchnorm", new Kind("BatchNormalization", List.of()));
        KINDS.put("batch_normalization", new Kind("BatchNormalization", List.of()));
        KINDS.put("layernorm", new Kind("LayerNormalization", List.of()));
        KINDS.put("layer_normalization", new Kind("LayerNormalization", List.of()));
        KINDS.put("activation", new Kind("Activation", List.of("activation")));
        KINDS.put("gaussian_noise", new Kind("GaussianNoise", List.of("stddev")));
        KINDS.put("gaussian_dropout", new Kind("GaussianDropout", List.of("rate")));
        KINDS.put("alpha_dropout", new Kind("AlphaDropout", List.of("rate")));
        KINDS.put("embedding", new Kind("Embedding", List.of("input_dim", "output_dim")));
        KINDS.put("relu", new Kind("ReLU", List.of("max_value", "negative_slope", "threshold")));
        KINDS.put("leaky_relu", new Kind("LeakyReLU", List.of("negative_slope")));
        KINDS.put("prelu", new Kind("PReLU", List.of()));
        KINDS.put("elu", new Kind("ELU", List.of("alpha")));
        KINDS.put("softmax", new Kind("Softmax", List.of()));
        KINDS.put("rms_normalization", new Kind("RMSNormalization", List.of()));
        KINDS.put("unit_normalization", new Kind("UnitNormalization", List.of()));
        KINDS.put("flatten", new Kind("Flatten", List.of()));
        KINDS.put("rescaling", new Kind("Rescaling", List.of("scale", "offset")));
        KINDS.put("activity_regularization", new Kind("ActivityRegularization", List.of("l1", "l2")));
    }

    private final String text;
    private int pos;

    private LayerSpec(String text) {
        this.text = text;
    }

    /**
     * The layers of {@code spec}.
     *
     * @throws IllegalArgumentException pointing at the offending token
     */
    public static List<Layer> parse(String spec) {
        return new LayerSpec(spec == null ? "" : spec).layers();
    }

    private List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        skipSpaces();
        if (pos >= text.length()) {
            throw error(0, "the layer list is empty; for example: dense(64, relu) dropout(0.3) dense(1)");
        }
        while (pos < text.length()) {
            out.add(layer());
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                int comma = pos++;
                skipSpaces();
                if (pos >= text.length()) {
                    throw error(comma, "a ',' ends the layer list; remove it or add a layer after it");
                }
            }
        }
        return out;
    }

    private Layer layer() {
        int start = pos;
        String name = word();
        if (name.isEmpty()) {
            throw error(pos, "expected a layer name");
        }
        Kind kind = KINDS.get(name.toLowerCase(java.util.Locale.ROOT));
        if (kind == null) {
            throw error(start, "unknown layer '" + name + "'; known: " + String.join(", ", KINDS.keySet()));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            int index = 0;
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    skipSpaces();
                    int argStart = pos;
                    String first = token();
                    skipSpaces();
                    if (pos < text.length() && text.charAt(pos) == '=') {
                        pos++;
                        skipSpaces();
                        config.put(first, value(token()));
                    } else {
                        if (index >= kind.positional().size()) {
                            throw error(argStart, name + " takes " + kind.positional().size() + " positional"
                                    + " argument(s) " + kind.positional() + "; name the others, e.g. momentum=0.9");
                        }
                        config.put(kind.positional().get(index), value(first));
                    }
                    index++;
                    skipSpaces();
                    if (pos >= text.length()) {
                        throw error(pos, "missing ')'");
                    }
                    char c = text.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error(pos - 1, "expected ',' or ')'");
                    }
                }
            }
        }
        try {
            return LayerRegistry.fromConfig(kind.className(), config);
        } catch (IllegalArgumentException e) {
            throw error(start, e.getMessage());
        }
    }

    private String word() {
        int s = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(s, pos);
    }

    private String token() {
        int s = pos;
        while (pos < text.length() && ",()= ".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (s == pos) {
            throw error(pos, "expected a value");
        }
        return text.substring(s, pos);
    }

    private static Object value(String t) {
        if (quoted(t)) {
            return t.substring(1, t.length() - 1);
        }
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "none":
            case "null":
                return null;
            default:
                break;
        }
        try {
            return t.matches("[-+]?\\d+") ? (Object) Integer.parseInt(t) : (Object) Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** Whether {@code t} is between a pair of matching single or double quotes. */
    private static boolean quoted(String t) {
        return t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"')
                && t.charAt(t.length() - 1) == t.charAt(0);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(int at, String message) {
        return new IllegalArgumentException("--layers: " + message + " (at position " + (at + 1) + ")\n  " + text
                + "\n  " + " ".repeat(Math.max(0, at)) + "^");
    }
}
