package dev.lamina.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.Scaler;
import dev.lamina.data.Scalers;
import dev.lamina.io.AtomicFiles;
import dev.lamina.io.Json;
import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.io.NamedTensor;
import dev.lamina.io.SafeTensors;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.WeightBudget;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.registry.LayerRegistry;
import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.Optimizers;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.LaminaVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saving and loading whole models as {@code .lamina} archives: {@code config.json} (the model in
 * Keras' layer-config shape, the seed, the compile settings), {@code weights.safetensors} (every
 * weight under {@code layer/weight}, kernels {@code [in, out]} as Keras), {@code optimizer.safetensors}
 * (the optimizer's state), {@code preprocessing.json} (column names and scalers) and the manifest of
 * SHA-256 sums. The format is data only: layers come from the closed {@link LayerRegistry}, nothing
 * is loaded or run by a name found in the file.
 */
public final class ModelFiles {
    /** The format version this Lamina writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_LAYERS = 10_000;
    /**
     * The most weight values a model built from a config alone may have: 2^28 (1 GiB of float32).
     * A model read from a {@code .lamina} file may have no more than its weights file holds.
     */
    public static final long MAX_CONFIG_PARAMETERS = 1L << 28;

    private ModelFiles() {}

    /** Saves {@code model} to {@code path}, atomically (see {@link AtomicFiles}). */
    public static void save(Sequential model, Path path) throws IOException {
        AtomicFiles.write(path, ModelArchive.write(members(model)));
    }

    /** An independent copy of {@code model} through its archive members (in memory). */
    public static Sequential copy(Sequential model) throws IOException {
        return load(members(model), "copy of " + model.name());
    }

    /** The archive's members for {@code model}. */
    /**
     * The archive members of {@code model} (name to bytes, without the manifest, which
     * {@link ModelArchive#write} adds): for tools that write or alter archives themselves.
     */
    public static Map<String, byte[]> members(Sequential model) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("config.json", Json.write(config(model)));
        List<NamedTensor> weights = new ArrayList<>();
        for (Parameter p : model.weights()) {
            weights.add(new NamedTensor(p.path(), p.value()));
        }
        members.put("weights.safetensors", SafeTensors.write(weights, Map.of("format", "lamina")));
        Optimizer o = model.optimizer();
        if (o != null && o.iterations() > 0) {
            List<NamedTensor> state = new ArrayList<>();
            for (Parameter p : model.weights()) {
                float[][] slots = o.slots(p);
                if (slots != null) {
                    for (int i = 0; i < slots.length; i++) {
                        state.add(new NamedTensor(p.path() + "/" + i, Tensor.wrap(slots[i], slots[i].length)));
                    }
                }
            }
            members.put("optimizer.safetensors", SafeTensors.write(state,
                    Map.of("iterations", Long.toString(o.iterations()))));
        }
        if (model.preprocessing() != null) {
            members.put("preprocessing.json", Json.write(preprocessing(model.preprocessing())));
        }
        return members;
    }

    private static Map<String, Object> config(Sequential model) {
        List<Object> layers = new ArrayList<>();
        Input.Config input = model.input() != null ? model.input().config()
                : new Input.Config("input_layer", model.inputShape());
        layers.add(layerEntry("InputLayer", input.toMap()));
        for (Layer l : model.layers()) {
            layers.add(layerEntry(l.className(), l.configMap()));
        }
        Map<String, Object> seq = new LinkedHashMap<>();
        seq.put("name", model.name());
        seq.put("trainable", true);
        seq.put("dtype", "float32");
        seq.put("layers", layers);
        List<Integer> buildShape = new ArrayList<>();
        buildShape.add(null);
        for (int d : model.inputShape().dims()) {
            buildShape.add(d);
        }
        seq.put("build_input_shape", buildShape);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("lamina_version", LaminaVersion.get());
        m.put("model", layerEntry("Sequential", seq));
        m.put("seed", model.seed());
        if (model.optimizer() != null) {
            Map<String, Object> compile = new LinkedHashMap<>();
            compile.put("optimizer", Map.of("class_name", model.optimizer().className(),
                    "config", model.optimizer().config()));
            compile.put("loss", Map.of("name", model.loss().name(), "config", model.loss().config()));
            compile.put("metrics", model.metricNames());
            m.put("compile", compile);
        }
        return m;
    }

    private static Map<String, Object> layerEntry(String className, Map<String, Object> config) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("module", className.equals("Sequential") ? "keras" : "keras.layers");
        e.put("class_name", className);
        e.put("config", config);
        e.put("registered_name", null);
        return e;
    }

    private static Map<String, Object> preprocessing(Preprocessing p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", p.features());
        m.put("targets", p.targets());
        m.put("feature_scaler", p.featureScaler() == null ? null : p.featureScaler().state());
        m.put("target_scaler", p.targetScaler() == null ? null : p.targetScaler().state());
        if (p.featureSpec() != null) {
            m.put("feature_spec", p.featureSpec().state());
        }
        if (p.classes() != null) {
            m.put("classes", p.classes());
        }
        return m;
    }

    /**
     * Loads the model saved at {@code path}: its layers, weights, seed, compile settings, optimizer
     * state and preprocessing.
     *
     * @throws ModelFormatException for a corrupted, hostile or newer file, naming what and where
     * @throws java.nio.file.NoSuchFileException when there is no such file
     */
    public static Sequential load(Path path) throws IOException {
        return load(ModelArchive.read(path), path.toString());
    }

    /**
     * The model of archive members already read (and checked against their manifest) by
     * {@link ModelArchive#read}; {@code where} names the file in errors.
     *
     * @throws ModelFormatException for a damaged, hostile or newer model
     */
    public static Sequential load(Map<String, byte[]> members, String where) throws ModelFormatException {
        byte[] configBytes = members.get("config.json");
        byte[] weightBytes = members.get("weights.safetensors");
        if (configBytes == null || weightBytes == null) {
            throw new ModelFormatException(where + ": a model archive needs config.json and weights.safetensors.");
        }
        JsonNode config = Json.parse(configBytes, where + " config.json");
        JsonNode version = config.path("format_version");
        if (!version.isInt()) {
            throw new ModelFormatException(where + ": config.json has no integer format_version.");
        }
        if (version.asInt() > FORMAT_VERSION) {
            throw new ModelFormatException("Cannot read '" + where + "': format version " + version.asInt()
                    + " is newer than this Lamina supports (" + FORMAT_VERSION + "); upgrade Lamina.");
        }
        if (version.asInt() < 1) {
            throw new ModelFormatException(where + ": format_version " + version.asInt() + " is not valid.");
        }
        try {
            SafeTensors.Contents weights = SafeTensors.read(weightBytes, where + " weights.safetensors");
            long held = 0;
            for (NamedTensor t : weights.tensors()) {
                held += t.tensor().size();
            }
            // The config may not make the model allocate more weights than the file holds.
            Sequential model = buildModel(config, where, WeightBudget.of(held, where + "'s weights.safetensors holds "
                    + held + " values"));
            loadWeights(model, weights, where);
            compile(model, config.path("compile"));
            if (members.containsKey("optimizer.safetensors") && model.optimizer() != null) {
                loadOptimizer(model, SafeTensors.read(members.get("optimizer.safetensors"),
                        where + " optimizer.safetensors"), where);
            }
            if (members.containsKey("preprocessing.json")) {
                model.setPreprocessing(preprocessing(Json.parse(members.get("preprocessing.json"),
                        where + " preprocessing.json"), where));
            }
            return model;
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new, built model from a model config JSON: Keras' {@code {"class_name": "Sequential",
     * "config": {"layers": [...]}}} (what {@code model.to_json()} writes) or a {@code .lamina}
     * archive's {@code config.json}. The first layer must be an InputLayer.
     *
     * @throws ModelFormatException naming what is wrong
     */
    public static Sequential fromConfigJson(String json, String where) throws ModelFormatException {
        JsonNode node = Json.parse(json, where);
        if (!node.has("model")) {
            java.util.Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("model", Json.toMap(node));
            node = Json.parse(new String(Json.write(wrapped), java.nio.charset.StandardCharsets.UTF_8), where);
        }
        try {
            return buildModel(node, where, WeightBudget.of(MAX_CONFIG_PARAMETERS, "at most " + MAX_CONFIG_PARAMETERS
                    + " parameters for a model built from a config alone"));
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static Sequential buildModel(JsonNode config, String where, WeightBudget budget)
            throws ModelFormatException {
        JsonNode model = config.path("model");
        if (!"Sequential".equals(model.path("class_name").asText())) {
            throw new ModelFormatException(where + ": config.json's model is '" + model.path("class_name").asText()
                    + "'; Lamina reads Sequential models.");
        }
        JsonNode layers = model.path("config").path("layers");
        if (!layers.isArray() || layers.size() < 1 || layers.size() > MAX_LAYERS) {
            throw new ModelFormatException(where + ": config.json needs 1 to " + MAX_LAYERS + " layers.");
        }
        Sequential m = new Sequential(model.path("config").path("name").asText(null));
        if (config.path("seed").isIntegralNumber()) {
            m.seed(config.path("seed").asLong());
        }
        for (int i = 0; i < layers.size(); i++) {
            JsonNode entry = layers.get(i);
            String cls = entry.path("class_name").asText("");
            if (!entry.path("registered_name").isNull() && !entry.path("registered_name").isMissingNode()
                    && !cls.equals(entry.path("registered_name").asText())) {
                throw new ModelFormatException(where + ": layer " + i + " is the custom class '"
                        + entry.path("registered_name").asText() + "', which Lamina does not load.");
            }
            if (!entry.path("config").isObject()) {
                throw new ModelFormatException(where + ": layer " + i + " (" + cls + ") has no config object.");
            }
            try {
                m.add(LayerRegistry.fromConfig(cls, Json.toMap(entry.path("config"))));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where + ": layer " + i + " (" + cls + "): " + e.getMessage(), e);
            }
        }
        if (m.input() == null) {
            throw new ModelFormatException(where + ": config.json's first layer must be an InputLayer.");
        }
        try {
            m.build(m.input().shape(), budget);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
        return m;
    }

    private static void loadWeights(Sequential model, SafeTensors.Contents weights, String where)
            throws ModelFormatException {
        Map<String, Tensor> byName = new HashMap<>();
        for (NamedTensor t : weights.tensors()) {
            byName.put(t.name(), t.tensor());
        }
        for (Parameter p : model.weights()) {
            Tensor t = byName.remove(p.path());
            if (t == null) {
                throw new ModelFormatException(where + ": weights.safetensors has no tensor '" + p.path() + "'.");
            }
            if (!t.shape().equals(p.value().shape())) {
                throw new ModelFormatException(where + ": tensor '" + p.path() + "' has shape " + t.shape()
                        + " but the layer needs " + p.value().shape() + ".");
            }
            float[] values = t.data();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new ModelFormatException(where + ": tensor '" + p.path() + "' holds " + values[i]
                            + " at index " + i + "; a model's weights must be finite (was it saved after training"
                            + " diverged?).");
                }
            }
            p.value().copyFrom(t);
        }
        if (!byName.isEmpty()) {
            throw new ModelFormatException(where + ": weights.safetensors has tensors no layer uses: " + byName.keySet()
                    + ".");
        }
    }

    private static void compile(Sequential model, JsonNode compile) {
        if (compile.isMissingNode() || compile.isNull()) {
            return;
        }
        Optimizer o = Optimizers.fromConfig(compile.path("optimizer").path("class_name").asText(),
                Json.toMap(compile.path("optimizer").path("config")));
        Loss loss = Losses.fromConfig(compile.path("loss").path("name").asText(),
                Json.toMap(compile.path("loss").path("config")));
        List<String> metrics = new ArrayList<>();
        compile.path("metrics").forEach(n -> metrics.add(n.asText()));
        model.compile(o, loss, metrics.toArray(new String[0]));
    }

    private static void loadOptimizer(Sequential model, SafeTensors.Contents state, String where)
            throws ModelFormatException {
        Optimizer o = model.optimizer();
        for (Parameter p : model.weights()) {
            if (state.get(p.path() + "/0") == null) {
                continue;
            }
            float[][] slots = new float[o.stateArrays()][];
            for (int i = 0; i < slots.length; i++) {
                Tensor t = state.get(p.path() + "/" + i);
                if (t == null || t.size() != p.value().size()) {
                    throw new ModelFormatException(where + ": optimizer state '" + p.path() + "/" + i
                            + "' is missing or has the wrong size.");
                }
                slots[i] = t.data();
            }
            o.setSlots(p, slots);
        }
        o.setIterations(SafeTensors.metadataLong(state.metadata(), "iterations", where + " optimizer.safetensors"));
    }

    private static Preprocessing preprocessing(JsonNode p, String where) throws ModelFormatException {
        List<String> features = new ArrayList<>();
        p.path("features").forEach(n -> features.add(n.asText()));
        List<String> targets = new ArrayList<>();
        p.path("targets").forEach(n -> targets.add(n.asText()));
        JsonNode spec = p.path("feature_spec");
        List<String> classes = null;
        if (p.path("classes").isArray()) {
            if (p.path("classes").size() > Preprocessing.MAX_CLASSES) {
                throw new ModelFormatException(where + ": preprocessing.json lists more than " + Preprocessing.MAX_CLASSES
                        + " classes.");
            }
            classes = new ArrayList<>();
            for (JsonNode c : p.path("classes")) {
                if (!c.isTextual()) {
                    throw new ModelFormatException(where + ": preprocessing.json has a class label that is not text.");
                }
                classes.add(c.asText());
            }
        }
        return new Preprocessing(features, targets, scaler(p.path("feature_scaler")), scaler(p.path("target_scaler")),
                spec.isMissingNode() || spec.isNull() ? null : FeatureSpec.fromState(Json.toPlain(spec)), classes);
    }

    private static Scaler scaler(JsonNode n) {
        return n.isObject() ? Scalers.fromState(Json.toMap(n)) : null;
    }
}
