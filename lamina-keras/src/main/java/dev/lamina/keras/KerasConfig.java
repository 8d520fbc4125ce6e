package dev.lamina.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.io.ModelFormatException;
import dev.lamina.layers.Layer;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a Lamina model from a Keras model config: Keras 3's {@code config.json} or the
 * {@code model_config} attribute of a legacy HDF5 file (Keras 2's list form included).
 */
final class KerasConfig {
    /** The most parameters a config may declare: 2^28 floats, 1 GiB. */
    static final long MAX_PARAMETERS = 1L << 28;
    /** The widest layer accepted. */
    private static final long MAX_WIDTH = 1L << 24;

    private KerasConfig() {}

    /**
     * How many parameters a file of {@code weightBytes} bytes can plausibly hold: Keras stores them as
     * uncompressed float32, so a config that declares many more is refused before anything is allocated.
     */
    static long parameterBudget(long weightBytes) {
        return Math.min(MAX_PARAMETERS, Math.max(1L << 16, weightBytes / 2));
    }

    static Sequential build(JsonNode root, String where, long maxParameters) throws ModelFormatException {
        if (FunctionalChain.isFunctional(root)) {
            root = FunctionalChain.toSequential(root, where);
        }
        String cls = root.path("class_name").asText("");
        if (!cls.equals("Sequential")) {
            throw new ModelFormatException(where + ": the model is a '" + cls + "'; Lamina imports Sequential models"
                    + " and functional models that are a chain.");
        }
        JsonNode config = root.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty() || layers.size() > 10_000) {
            throw new ModelFormatException(where + ": the Sequential config has no list of layers.");
        }
        String name = config.isObject() ? config.path("name").asText("sequential") : "sequential";
        checkSize(layers, where, maxParameters);
        Sequential model = new Sequential(name).seed(0);
        List<Integer> inputShape = null;
        List<String> otherPrecisions = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode entry = layers.get(i);
            String layerClass = entry.path("class_name").asText("");
            JsonNode layerConfig = entry.path("config");
            String layerName = layerConfig.path("name").asText("?");
            String policy = dtypePolicy(layerConfig.path("dtype"));
            if (policy != null && !policy.equals("float32") && !layerClass.equals("InputLayer")) {
                otherPrecisions.add("'" + layerName + "' (" + policy + ")");
            }
            String owner = "layer " + i + " '" + layerName + "' (" + layerClass + ")";
            JsonNode registered = entry.path("registered_name");
            JsonNode module = entry.path("module");
            if ((!registered.isMissingNode() && !registered.isNull() && !registered.asText().equals(layerClass))
                    || (module.isTextual() && !module.asText().startsWith("keras"))) {
                throw new ModelFormatException(where + ": " + owner + " is a custom or third-party class ("
                        + (registered.isTextual() ? registered.asText() : module.asText()) + "), which Lamina does not"
                        + " load: nothing from a model file is run.");
            }
            if (!LayerRegistry.factories().containsKey(layerClass)) {
                throw new ModelFormatException(where + ": " + owner + " is not a layer Lamina has; supported: "
                        + String.join(", ", LayerRegistry.factories().keySet()) + ".");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = KerasImport.JSON.convertValue(layerConfig, Map.class);
            if (i == 0 && !layerClass.equals("InputLayer")) {
                inputShape = firstInputShape(layerConfig, entry);
                if (inputShape == null) {
                    throw new ModelFormatException(where + ": the first layer has no input shape (batch_input_shape or"
                            + " build_config); Lamina needs it to build the model.");
                }
                model.add(Input.of(inputShape.stream().skip(1).mapToInt(Integer::intValue).toArray()));
            }
            try {
                Layer layer = LayerRegistry.fromConfig(layerClass, map);
                model.add(layer);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ModelFormatException(where + ": " + owner + ": " + e.getMessage(), e);
            }
        }
        if (!otherPrecisions.isEmpty()) {
            int shown = Math.min(5, otherPrecisions.size());
            boolean one = otherPrecisions.size() == 1;
            dev.lamina.util.Warnings.warn(KerasConfig.class, where + ": " + (one ? "layer " : "layers ")
                    + String.join(", ", otherPrecisions.subList(0, shown))
                    + (shown < otherPrecisions.size() ? " and " + (otherPrecisions.size() - shown) + " more" : "")
                    + (one ? " computes in Keras at the precision of its dtype policy" : " compute in Keras at the"
                    + " precision of their dtype policies") + "; Lamina computes in float32, so its predictions differ"
                    + " from Keras' by about that precision.");
        }
        try {
            model.weights();
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + ": the model cannot be built: " + e.getMessage(), e);
        }
        if (!model.built()) {
            throw new ModelFormatException(where + ": the model has no input shape.");
        }
        return model;
    }

    /**
     * A layer's dtype policy name: Keras 3 writes {@code {"class_name": "DTypePolicy", "config":
     * {"name": "mixed_bfloat16"}}}, Keras 2 a plain string; null where there is none.
     */
    static String dtypePolicy(JsonNode dtype) {
        if (dtype.isTextual()) {
            return dtype.asText();
        }
        JsonNode name = dtype.path("config").path("name");
        return name.isTextual() ? name.asText() : null;
    }

    /**
     * Keras 2's {@code hard_sigmoid} is {@code clip(0.2 x + 0.5, 0, 1)}, not Keras 3's
     * {@code relu6(x + 3) / 6}: a config from Keras 2 gets Lamina's {@code keras2_hard_sigmoid}.
     */
    static JsonNode keras2Activations(JsonNode config) {
        JsonNode copy = config.deepCopy();
        replaceHardSigmoid(copy);
        return copy;
    }

    private static void replaceHardSigmoid(JsonNode n) {
        if (n.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
            if ("hard_sigmoid".equals(o.path("activation").asText(null))) {
                o.put("activation", "keras2_hard_sigmoid");
            }
            o.elements().forEachRemaining(KerasConfig::replaceHardSigmoid);
        } else if (n.isArray()) {
            n.elements().forEachRemaining(KerasConfig::replaceHardSigmoid);
        }
    }

    /**
     * Bounds the model a config declares before it is built: every width and the parameter count
     * (Dense: in × units + units; a layer keeping its width: at most 4 × width) must fit.
     */
    private static void checkSize(JsonNode layers, String where, long maxParameters) throws ModelFormatException {
        JsonNode first = layers.get(0);
        List<Integer> shape = firstInputShape(first.path("config"), first);
        long width = 0;
        if (shape != null) {
            long features = 1;
            for (int i = 1; i < shape.size(); i++) {
                Integer d = shape.get(i);
                features = d == null || d <= 0 ? features : Math.min(MAX_WIDTH + 1, features * d);
            }
            width = shape.get(shape.size() - 1) == null ? 0 : shape.get(shape.size() - 1);
            if (features > MAX_WIDTH) {
                throw new ModelFormatException(where + ": the input shape " + shape + " is larger than the " + MAX_WIDTH
                        + " features accepted.");
            }
        }
        long parameters = 0;
        for (JsonNode entry : layers) {
            JsonNode config = entry.path("config");
            JsonNode units = config.path("units");
            String owner = "layer '" + config.path("name").asText("?") + "' (" + entry.path("class_name").asText("?")
                    + ")";
            if (!units.isMissingNode()) {
                if (!units.canConvertToLong() || units.asLong() <= 0 || units.asLong() > MAX_WIDTH) {
                    throw new ModelFormatException(where + ": " + owner + " has units " + units + "; expected a positive"
                            + " number up to " + MAX_WIDTH + ".");
                }
                parameters += width * units.asLong() + units.asLong();
                width = units.asLong();
            } else {
                parameters += 4 * width;
            }
            if (parameters > maxParameters) {
                throw new ModelFormatException(where + ": " + owner + " brings the model to more than " + maxParameters
                        + " parameters, more than the file can hold; the config is damaged or hostile.");
            }
        }
    }

    private static List<Integer> firstInputShape(JsonNode config, JsonNode entry) {
        for (JsonNode shape : new JsonNode[] {config.path("batch_input_shape"), config.path("batch_shape"),
                entry.path("build_config").path("input_shape")}) {
            if (shape.isArray() && shape.size() >= 2) {
                List<Integer> out = new ArrayList<>();
                for (JsonNode d : shape) {
                    out.add(d.isNull() ? null : d.asInt());
                }
                return out;
            }
        }
        return null;
    }
}
