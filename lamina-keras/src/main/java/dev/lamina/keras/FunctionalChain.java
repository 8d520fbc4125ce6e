package dev.lamina.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.io.ModelFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the config of a Keras functional model that is a plain chain (Keras 3 {@code Functional},
 * Keras 2 {@code Model}) into the equivalent Sequential config: one input, one output, and every layer
 * called exactly once on the output of the layer before it. Anything else (two inputs or outputs, a
 * layer fed by two others, a layer whose output feeds two, a layer called twice, call arguments) is
 * refused with a message naming the layer, because a Sequential model cannot express it.
 */
final class FunctionalChain {
    private FunctionalChain() {}

    static boolean isFunctional(JsonNode root) {
        String cls = root.path("class_name").asText("");
        return cls.equals("Functional") || cls.equals("Model");
    }

    static JsonNode toSequential(JsonNode root, String where) throws ModelFormatException {
        JsonNode config = root.path("config");
        JsonNode layers = config.path("layers");
        if (!layers.isArray() || layers.isEmpty() || layers.size() > 10_000) {
            throw new ModelFormatException(where + ": the functional config has no list of layers.");
        }
        String input = single(config.path("input_layers"), "input", where);
        String output = single(config.path("output_layers"), "output", where);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        Map<String, String> consumerOf = new HashMap<>();
        for (JsonNode entry : layers) {
            String name = entry.path("name").asText(entry.path("config").path("name").asText(""));
            String owner = "layer '" + name + "' (" + entry.path("class_name").asText("?") + ")";
            if (name.isEmpty() || byName.put(name, entry) != null) {
                throw new ModelFormatException(where + ": " + owner + " has no name or shares it with another layer.");
            }
            for (String source : sources(entry.path("inbound_nodes"), owner, where)) {
                String earlier = consumerOf.put(source, name);
                if (earlier != null) {
                    throw new ModelFormatException(where + ": the output of layer '" + source + "' feeds both '"
                            + earlier + "' and '" + name + "'; Lamina imports functional models only when they are a"
                            + " chain (rebuild it as a Sequential model).");
                }
            }
        }
        JsonNode first = byName.get(input);
        if (first == null || !first.path("class_name").asText().equals("InputLayer")) {
            throw new ModelFormatException(where + ": the model input '" + input + "' is not an InputLayer.");
        }
        ArrayNode chain = KerasImport.JSON.createArrayNode();
        List<String> unused = new ArrayList<>(byName.keySet());
        String current = input;
        while (true) {
            ObjectNode entry = byName.get(current).deepCopy();
            entry.remove("inbound_nodes");
            chain.add(entry);
            unused.remove(current);
            if (current.equals(output)) {
                break;
            }
            current = consumerOf.get(current);
            if (current == null) {
                throw new ModelFormatException(where + ": following the layers from the input does not reach the"
                        + " output '" + output + "'.");
            }
        }
        if (!unused.isEmpty()) {
            throw new ModelFormatException(where + ": layers " + unused + " are not on the path from the input to the"
                    + " output, so the model is not a chain.");
        }
        ObjectNode sequentialConfig = KerasImport.JSON.createObjectNode();
        sequentialConfig.put("name", config.path("name").asText("sequential"));
        sequentialConfig.set("layers", chain);
        ObjectNode sequential = KerasImport.JSON.createObjectNode();
        sequential.put("class_name", "Sequential");
        sequential.set("config", sequentialConfig);
        return sequential;
    }

    /** The one layer named by {@code input_layers}/{@code output_layers}: Keras 3 writes [name, 0, 0] for one. */
    private static String single(JsonNode refs, String what, String where) throws ModelFormatException {
        JsonNode ref = refs;
        if (ref.isArray() && ref.size() == 1 && ref.get(0).isArray()) {
            ref = ref.get(0);
        }
        if (!ref.isArray() || ref.size() != 3 || !ref.get(0).isTextual()) {
            throw new ModelFormatException(where + ": the model has " + (refs.isArray() ? refs.size() : 0) + " "
                    + what + "s; Lamina imports functional models with one input and one output that form a chain.");
        }
        return ref.get(0).asText();
    }

    /** The layers whose outputs a layer is called on, from its inbound nodes (Keras 3 or Keras 2 form). */
    private static List<String> sources(JsonNode nodes, String owner, String where) throws ModelFormatException {
        List<String> out = new ArrayList<>();
        if (!nodes.isArray() || nodes.isEmpty()) {
            return out;
        }
        if (nodes.size() > 1) {
            throw new ModelFormatException(where + ": " + owner + " is called " + nodes.size() + " times (a shared"
                    + " layer), which a chain cannot express.");
        }
        JsonNode node = nodes.get(0);
        if (node.isObject()) {
            collectKeras3(node.path("args"), out);
            JsonNode kwargs = node.path("kwargs");
            if (hasValues(kwargs)) {
                throw new ModelFormatException(where + ": " + owner + " is called with arguments " + kwargs
                        + ", which Lamina does not replay; rebuild the model without them.");
            }
        } else if (node.isArray()) {
            for (JsonNode tensor : node) {
                if (!tensor.isArray() || tensor.isEmpty() || !tensor.get(0).isTextual()) {
                    throw new ModelFormatException(where + ": " + owner + " has an inbound node that cannot be read.");
                }
                if (tensor.size() > 1 && tensor.get(1).asInt() != 0) {
                    throw new ModelFormatException(where + ": " + owner + " uses a second call of layer '"
                            + tensor.get(0).asText() + "' (a shared layer), which a chain cannot express.");
                }
                if (tensor.size() > 3 && hasValues(tensor.get(3))) {
                    throw new ModelFormatException(where + ": " + owner + " is called with arguments " + tensor.get(3)
                            + ", which Lamina does not replay; rebuild the model without them.");
                }
                out.add(tensor.get(0).asText());
            }
        }
        if (out.size() > 1) {
            throw new ModelFormatException(where + ": " + owner + " takes the outputs of " + out + "; Lamina imports"
                    + " functional models only when they are a chain (each layer fed by the one before it).");
        }
        return out;
    }

    /**
     * Whether call arguments hold a value Lamina would have to replay. Keras writes {@code {"mask": null}}
     * for a plain call, and {@code training} as it was when the graph was built; Keras' own {@code fit}
     * and {@code predict} override that recorded {@code training} with theirs (Functional.call passes
     * its training flag to every layer when it is not None), so Lamina ignores it too.
     */
    private static boolean hasValues(JsonNode kwargs) {
        if (!kwargs.isObject()) {
            return false;
        }
        var fields = kwargs.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().isNull() && !(f.getKey().equals("training") && f.getValue().isBoolean())) {
                return true;
            }
        }
        return false;
    }

    private static void collectKeras3(JsonNode n, List<String> out) {
        if (n.isObject() && "__keras_tensor__".equals(n.path("class_name").asText())) {
            out.add(n.path("config").path("keras_history").path(0).asText(""));
        } else if (n.isContainerNode()) {
            n.elements().forEachRemaining(child -> collectKeras3(child, out));
        }
    }
}
