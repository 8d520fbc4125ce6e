package dev.lamina.keras;

import dev.lamina.io.ModelFormatException;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Names;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.normalization.Normalization;
import dev.lamina.models.Sequential;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a Keras file's weights into a Lamina model. Keras 3 ({@code model.weights.h5}): layer k of
 * class C is group {@code layers/<snake(C)>[_n]/vars}, counted per class in layer order, with its
 * variables as datasets {@code 0, 1, ...} in creation order (Dense: kernel, bias; BatchNormalization:
 * gamma, beta, moving_mean, moving_variance). Legacy HDF5: group {@code model_weights/<layer name>}
 * lists its datasets in the attribute {@code weight_names}.
 *
 * <p>Where Keras keeps variables that Lamina does not, {@link #kerasVariables} says so: a
 * Normalization given its mean and variance keeps them in its config and has no variables; an
 * adapted one has mean, variance and a scalar {@code count} that Keras 3 keeps for older files and
 * never reads, which is checked to be a scalar and skipped.
 */
final class KerasWeights {
    private KerasWeights() {}

    static void loadKeras3(Sequential model, HdfFile h5, String where) throws ModelFormatException {
        Map<String, Integer> counters = new HashMap<>();
        for (Layer layer : model.layers()) {
            String snake = Names.snake(layer.className());
            int n = counters.merge(snake, 1, Integer::sum) - 1;
            String group = "layers/" + snake + (n == 0 ? "" : "_" + n) + "/vars";
            List<Parameter> ws = kerasVariables(layer);
            if (ws.isEmpty()) {
                continue;
            }
            Node g = child(h5, group);
            if (!(g instanceof Group vars)) {
                throw new ModelFormatException(where + ": model.weights.h5 has no group '" + group + "' for " + layer
                        + ".");
            }
            int held = vars.getChildren().size();
            int needed = required(ws);
            if (held != needed && held != ws.size()) {
                throw new ModelFormatException(where + ": '" + group + "' holds " + held + " variables but " + layer
                        + " has " + expectation(ws) + ".");
            }
            for (int i = 0; i < held; i++) {
                Node d = vars.getChild(Integer.toString(i));
                if (!(d instanceof Dataset ds)) {
                    throw new ModelFormatException(where + ": '" + group + "/" + i + "' is missing; " + layer + " needs "
                            + expectation(ws) + ".");
                }
                put(layer, ws.get(i), ds, where);
            }
            loaded(layer);
        }
    }

    /**
     * {@code layer}'s parameters in the order of Keras' variables, with null for a trailing scalar
     * variable that Keras may keep and Lamina does not.
     */
    static List<Parameter> kerasVariables(Layer layer) {
        if (layer instanceof Normalization norm) {
            if (norm.config().mean() != null) {
                return List.of();
            }
            List<Parameter> ws = new ArrayList<>(layer.weights());
            ws.add(null);
            return ws;
        }
        return layer.weights();
    }

    private static int required(List<Parameter> ws) {
        int n = ws.size();
        while (n > 0 && ws.get(n - 1) == null) {
            n--;
        }
        return n;
    }

    private static String expectation(List<Parameter> ws) {
        int needed = required(ws);
        return needed == ws.size() ? needed + "" : needed + " (or " + ws.size() + ", with a scalar count)";
    }

    private static void loaded(Layer layer) {
        if (layer instanceof Normalization norm) {
            norm.markAdapted();
        }
    }

    static void loadLegacy(Sequential model, Group weights, String where) throws ModelFormatException {
        for (Layer layer : model.layers()) {
            List<Parameter> ws = kerasVariables(layer);
            Node g = weights.getChild(layer.name());
            if (ws.isEmpty()) {
                continue;
            }
            if (!(g instanceof Group group)) {
                throw new ModelFormatException(where + ": model_weights has no group for " + layer + ".");
            }
            Attribute names = group.getAttribute("weight_names");
            String[] weightNames = names == null ? new String[0] : strings(names.getData());
            if (weightNames.length != required(ws) && weightNames.length != ws.size()) {
                throw new ModelFormatException(where + ": model_weights/" + layer.name() + " lists "
                        + weightNames.length + " weights but " + layer + " has " + expectation(ws) + ".");
            }
            for (int i = 0; i < weightNames.length; i++) {
                Node d = byPath(group, weightNames[i]);
                if (!(d instanceof Dataset ds)) {
                    throw new ModelFormatException(where + ": model_weights/" + layer.name() + "/" + weightNames[i]
                            + " is not a dataset.");
                }
                put(layer, ws.get(i), ds, where);
            }
            loaded(layer);
        }
    }

    /**
     * The node at {@code path} below {@code group}, or null. Legacy files store {@code weight_names}
     * as byte strings that Keras encodes as UTF-8 under HDF5's ASCII character set, and jHDF decodes
     * each byte above 127 as U+FFFD; a component with U+FFFD matches the one child whose name,
     * written as UTF-8 and read that way, gives the same text (a layer named {@code düsen}).
     */
    static Node byPath(Group group, String path) {
        Node node = group;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g)) {
                return null;
            }
            Node next = g.getChildren().get(part);
            if (next == null && part.indexOf('\uFFFD') >= 0) {
                for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                    if (asciiDecoded(e.getKey()).equals(part)) {
                        next = e.getValue();
                        break;
                    }
                }
            }
            node = next;
        }
        return node;
    }

    /** {@code name} as its UTF-8 bytes read as ASCII: each byte above 127 becomes U+FFFD. */
    static String asciiDecoded(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            b.append(x >= 0 ? (char) x : '\uFFFD');
        }
        return b.toString();
    }

    private static Node child(HdfFile h5, String path) {
        try {
            return h5.getByPath(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String[] strings(Object data) {
        if (data instanceof String[] a) {
            return a;
        }
        if (data instanceof String s) {
            return new String[] {s};
        }
        return new String[0]; // Keras writes an empty float64 array when a layer has no weights
    }

    private static void put(Layer layer, Parameter p, Dataset ds, String where) throws ModelFormatException {
        int[] dims = ds.getDimensions();
        if (p == null) {
            if (dims.length != 0) {
                throw new ModelFormatException(where + ": " + ds.getPath() + " has shape " + java.util.Arrays.toString(dims)
                        + " but " + layer + " keeps only a scalar there.");
            }
            return;
        }
        int[] want = p.value().shape().dims();
        if (!java.util.Arrays.equals(dims, want)) {
            throw new ModelFormatException(where + ": " + ds.getPath() + " has shape " + java.util.Arrays.toString(dims)
                    + " but " + p.path() + " needs " + java.util.Arrays.toString(want) + ".");
        }
        float[] values = KerasImport.floats(ds, where);
        System.arraycopy(values, 0, p.value().data(), 0, values.length);
    }
}
