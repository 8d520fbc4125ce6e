package dev.lamina.keras;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lamina.io.BoundedZip;
import dev.lamina.io.ModelFormatException;
import dev.lamina.models.Sequential;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads models written by Keras: the Keras 3 {@code .keras} zip ({@code config.json} and
 * {@code model.weights.h5}) and the legacy full-model HDF5 file ({@code model.save("x.h5")}), told
 * apart by their first bytes, not their names. HDF5 is read with jHDF (pure Java).
 *
 * <p>Only data is read: the architecture goes through Lamina's closed layer registry, and a custom
 * or third-party class ({@code registered_name} set, a module outside Keras), a Lambda layer or a
 * class Lamina does not have is refused with a message naming the layer and its class. The
 * optimizer state in the file is ignored.
 *
 * <pre>{@code Sequential model = KerasImport.load(Path.of("model.keras"));}</pre>
 */
public final class KerasImport {
    /** The largest file accepted: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;
    static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 24)
                    .maxNumberLength(100).build()).build()).build();

    private KerasImport() {}

    /**
     * The model in the Keras file at {@code path}, built, with its weights, not compiled.
     *
     * @throws ModelFormatException for a file that is not a supported Keras model, naming what and where
     */
    public static Sequential load(Path path) throws IOException {
        return load(readFile(path, MAX_BYTES, "a model"), path.toString());
    }

    /** The model in a Keras file's bytes; {@code where} names the file in messages. */
    static Sequential load(byte[] bytes, String where) throws ModelFormatException {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return loadZip(bytes, where);
        }
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'H' && bytes[2] == 'D' && bytes[3] == 'F') {
            return loadLegacyH5(bytes, where);
        }
        throw new ModelFormatException(where + " is neither a .keras zip nor an HDF5 file (checked by its first"
                + " bytes); Lamina's own .lamina files load with Sequential.load.");
    }

    /**
     * A new, built model from a Keras model config JSON file (what {@code model.to_json()} writes,
     * Keras 2 or 3), with initial weights; {@link #loadWeights} then fills them.
     *
     * @throws ModelFormatException for a config Lamina cannot build, naming the layer
     */
    public static Sequential fromConfig(Path json) throws IOException {
        byte[] bytes = readFile(json, 64 << 20, "a config");
        return KerasConfig.build(parse(bytes, json.toString()), json.toString(), KerasConfig.MAX_PARAMETERS);
    }

    /**
     * Loads a Keras weights-only file into {@code model}: Keras 3's {@code .weights.h5} (groups
     * {@code layers/...}) or Keras 1/2's {@code save_weights} HDF5 (layer groups at the root, listed in
     * {@code layer_names}), told apart by content.
     *
     * @throws ModelFormatException when a layer's weights are missing or of another shape
     */
    public static void loadWeights(Sequential model, Path weights) throws IOException {
        String where = weights.toString();
        try (HdfFile h5 = HdfFile.fromBytes(readFile(weights, MAX_BYTES, "a weights file"))) {
            if (h5.getChild("layers") instanceof Group) {
                KerasWeights.loadKeras3(model, h5, where);
            } else if (h5.getAttribute("layer_names") != null) {
                KerasWeights.loadLegacy(model, h5, where);
            } else {
                throw new ModelFormatException(where + " is neither a Keras 3 .weights.h5 nor a legacy weights file.");
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + " cannot be read as Keras weights: " + e, e);
        }
    }

    /** The bytes of {@code path}, whose size is checked before anything is read. */
    private static byte[] readFile(Path path, long max, String what) throws IOException {
        long size = Files.size(path);
        if (size > max) {
            throw new ModelFormatException(path + ": " + size + " bytes is more than the " + max + " accepted for "
                    + what + ".");
        }
        return Files.readAllBytes(path);
    }

    private static Sequential loadZip(byte[] bytes, String where) throws ModelFormatException {
        Map<String, byte[]> members = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            int count = 0;
            long cap = BoundedZip.cap(bytes.length);
            long total = 0;
            while ((e = zip.getNextEntry()) != null) {
                if (++count > 64) {
                    throw new ModelFormatException(where + ": more than 64 zip members.");
                }
                String name = e.getName();
                if (name.equals("config.json") || name.equals("metadata.json") || name.equals("model.weights.h5")) {
                    byte[] content = BoundedZip.readMember(zip, cap - total, where, name);
                    total += content.length;
                    members.put(name, content);
                }
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(where + " is not a valid .keras zip: " + e, e);
        }
        if (!members.containsKey("config.json") || !members.containsKey("model.weights.h5")) {
            throw new ModelFormatException(where + ": a .keras file needs config.json and model.weights.h5 (found "
                    + members.keySet() + ").");
        }
        JsonNode config = parse(members.get("config.json"), where + " config.json");
        byte[] weights = members.get("model.weights.h5");
        Sequential model = KerasConfig.build(config, where, KerasConfig.parameterBudget(weights.length));
        try (HdfFile h5 = HdfFile.fromBytes(weights)) {
            KerasWeights.loadKeras3(model, h5, where);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + ": model.weights.h5 cannot be read: " + e, e);
        }
        return model;
    }

    private static Sequential loadLegacyH5(byte[] bytes, String where) throws ModelFormatException {
        try (HdfFile h5 = HdfFile.fromBytes(bytes)) {
            Attribute cfg = h5.getAttribute("model_config");
            if (cfg == null) {
                throw new ModelFormatException(where + " is an HDF5 file without 'model_config': a weights-only file"
                        + " needs its architecture from elsewhere.");
            }
            JsonNode config = parse(string(cfg.getData()).getBytes(StandardCharsets.UTF_8), where + " model_config");
            Attribute version = h5.getAttribute("keras_version");
            boolean keras2 = version != null && !string(version.getData()).startsWith("3");
            Sequential model = KerasConfig.build(keras2 ? KerasConfig.keras2Activations(config) : config, where,
                    KerasConfig.parameterBudget(bytes.length));
            Node weights = h5.getChild("model_weights");
            if (!(weights instanceof Group g)) {
                throw new ModelFormatException(where + ": the group 'model_weights' is missing.");
            }
            KerasWeights.loadLegacy(model, g, where);
            return model;
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(where + " cannot be read as a Keras HDF5 model: " + e, e);
        }
    }

    static JsonNode parse(byte[] bytes, String where) throws ModelFormatException {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ModelFormatException(where + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A scalar string attribute's value (jHDF gives String or a one-element String[]). */
    static String string(Object data) {
        if (data instanceof String s) {
            return s;
        }
        if (data instanceof String[] a && a.length == 1) {
            return a[0];
        }
        throw new IllegalArgumentException("expected a string attribute, found " + data);
    }

    /** The float data of a dataset, flattened row-major. */
    static float[] floats(Dataset d, String where) throws ModelFormatException {
        Object data = d.getData();
        int size = Math.toIntExact(d.getSize());
        float[] out = new float[size];
        int[] pos = {0};
        flatten(data, out, pos, where + " " + d.getPath());
        if (pos[0] != size) {
            throw new ModelFormatException(where + ": dataset " + d.getPath() + " has " + pos[0] + " values, expected "
                    + size + ".");
        }
        return out;
    }

    private static void flatten(Object data, float[] out, int[] pos, String what) throws ModelFormatException {
        if (data instanceof float[] f) {
            System.arraycopy(f, 0, out, pos[0], f.length);
            pos[0] += f.length;
        } else if (data instanceof double[] dd) {
            for (double v : dd) {
                out[pos[0]++] = (float) v;
            }
        } else if (data instanceof Object[] arr) {
            for (Object o : arr) {
                flatten(o, out, pos, what);
            }
        } else {
            throw new ModelFormatException(what + ": weights of type " + (data == null ? "null"
                    : data.getClass().getSimpleName()) + " are not float32 or float64.");
        }
    }
}
