package dev.lamina.keras;

import dev.lamina.io.ModelFormatException;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Names;
import dev.lamina.layers.Parameter;
import dev.lamina.models.Sequential;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a Keras file's weights into a Lamina model. Keras 3 ({@code model.weights.h5}): layer k of
 * class C is group {@code layers/<snake(C)>[_n]/vars}, counted per class in layer order, with its
 * variables as datasets {@code 0, 1, ...} in creation order (Dense: kernel, bias; BatchNormalization:
 * gamma, beta, moving_mean, moving_variance). Legacy HDF5: group {@code model_weights/<layer name>}
 * lists its datasets in the attribute {@code weight_names}.
 */
final class KerasWeights {
    private KerasWeights() {}

    static void loadKeras3(Sequential model, HdfFile h5, String where) throws ModelFormatException {
        Map<String, Integer> counters = new HashMap<>();
        for (Layer layer : model.layers()) {
            String snake = Names.snake(layer.className());
            int n = counters.merge(snake, 1, Integer::sum) - 1;
            String group = "layers/" + snake + (n == 0 ? "" : "_" + n) + "/vars";
            List<Parameter> ws = layer.weights();
            if (ws.isEmpty()) {
                continue;
            }
            Node g = child(h5, group);
            if (!(g instanceof Group vars)) {
                throw new ModelFormatException(where + ": model.weights.h5 has no group '" + group + "' for " + layer
                        + ".");
            }
            for (int i = 0; i < ws.size(); i++) {
                Node d = vars.getChild(Integer.toString(i));
                if (!(d instanceof Dataset ds)) {
                    throw new ModelFormatException(where + ": '" + group + "/" + i + "' is missing; " + layer + " needs "
                            + ws.size() + " variables.");
                }
                put(ws.get(i), ds, where);
            }
            if (vars.getChildren().size() != ws.size()) {
                throw new ModelFormatException(where + ": '" + group + "' holds " + vars.getChildren().size()
                        + " variables but " + layer + " has " + ws.size() + ".");
            }
        }
    }

    static void loadLegacy(Sequential model, Group weights, String where) throws ModelFormatException {
        for (Layer layer : model.layers()) {
            List<Parameter> ws = layer.weights();
            Node g = weights.getChild(layer.name());
            if (ws.isEmpty()) {
                continue;
            }
            if (!(g instanceof Group group)) {
                throw new ModelFormatException(where + ": model_weights has no group for " + layer + ".");
            }
            Attribute names = group.getAttribute("weight_names");
            String[] weightNames = names == null ? new String[0] : strings(names.getData());
            if (weightNames.length != ws.size()) {
                throw new ModelFormatException(where + ": model_weights/" + layer.name() + " lists "
                        + weightNames.length + " weights but " + layer + " has " + ws.size() + ".");
            }
            for (int i = 0; i < ws.size(); i++) {
                Node d = group.getByPath(weightNames[i]);
                if (!(d instanceof Dataset ds)) {
                    throw new ModelFormatException(where + ": model_weights/" + layer.name() + "/" + weightNames[i]
                            + " is not a dataset.");
                }
                put(ws.get(i), ds, where);
            }
        }
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

    private static void put(Parameter p, Dataset ds, String where) throws ModelFormatException {
        int[] dims = ds.getDimensions();
        int[] want = p.value().shape().dims();
        if (!java.util.Arrays.equals(dims, want)) {
            throw new ModelFormatException(where + ": " + ds.getPath() + " has shape " + java.util.Arrays.toString(dims)
                    + " but " + p.path() + " needs " + java.util.Arrays.toString(want) + ".");
        }
        float[] values = KerasImport.floats(ds, where);
        System.arraycopy(values, 0, p.value().data(), 0, values.length);
    }
}
