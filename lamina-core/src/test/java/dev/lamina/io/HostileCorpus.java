package dev.lamina.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.data.StandardScaler;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Adam;
import dev.lamina.tensor.Tensor;
import dev.lamina.testing.GradientCheck;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the corpus of crafted hostile {@code .lamina} files in
 * {@code src/test/resources/dev/lamina/io/hostile}: each changes one thing an attacker would (a
 * declared size far beyond the weights, an integer that overflows an int, an inconsistent
 * preprocessing, a non-finite weight) and recomputes the manifest. {@link HostileCorpusTest} loads
 * them all. Run again when a case is added:
 * {@code java -cp ... dev.lamina.io.HostileCorpus lamina-core/src/test/resources/dev/lamina/io/hostile}.
 */
public final class HostileCorpus {
    private HostileCorpus() {}

    /** A small trained model with preprocessing and optimizer state: the base of every case. */
    static Map<String, byte[]> base() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(4, "relu"), BatchNormalization.of(), Dense.of(1)).seed(5);
        m.compile(new Adam(), Losses.get("mae"));
        Tensor x = GradientCheck.input(32, 3, 5, 0);
        Tensor y = GradientCheck.input(32, 1, 6, 0);
        StandardScaler s = new StandardScaler();
        s.fit(x);
        m.setPreprocessing(new Preprocessing(List.of("a", "b", "c"), List.of("y"), s, null));
        m.fit(x, y, FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        return ModelFiles.members(m);
    }

    /** The cases, by file name. */
    static Map<String, byte[]> cases() throws ModelFormatException {
        Map<String, byte[]> base = base();
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("dense-30000-units-on-30000-inputs", config(base, c -> {
            input(c).set("batch_shape", shape(30_000));
            layer(c, 1).put("units", 30_000);
        }));
        out.put("batch-shape-int-max", config(base, c -> input(c).set("batch_shape", shape(Integer.MAX_VALUE))));
        out.put("dense-20000-by-20000", config(base, c -> {
            input(c).set("batch_shape", shape(20_000));
            layer(c, 1).put("units", 20_000);
        }));
        out.put("units-overflowing-int", config(base, c -> layer(c, 1).put("units", 4_294_967_312L)));
        out.put("units-beyond-long", config(base, c -> layer(c, 1).put("units", new BigInteger("18446744073709551620"))));
        out.put("units-fractional", config(base, c -> layer(c, 1).put("units", 4.5)));
        out.put("batch-shape-overflowing-int", config(base, c -> ((ArrayNode) input(c).get("batch_shape")).set(1,
                c.numberNode(4_294_967_300L))));
        out.put("preprocessing-two-targets-one-output", preprocessing(base, p -> ((ArrayNode) p.get("targets")).add("z")));
        out.put("preprocessing-no-targets", preprocessing(base, p -> ((ArrayNode) p.get("targets")).removeAll()));
        out.put("preprocessing-scale-zero", preprocessing(base, p ->
                ((ArrayNode) p.get("feature_scaler").get("scale")).set(1, p.numberNode(0.0))));
        out.put("preprocessing-scale-negative", preprocessing(base, p ->
                ((ArrayNode) p.get("feature_scaler").get("scale")).set(0, p.numberNode(-2.0))));
        out.put("preprocessing-duplicate-features", preprocessing(base, p ->
                ((ArrayNode) p.get("features")).set(2, p.textNode("a"))));
        out.put("preprocessing-four-features-three-inputs", preprocessing(base, p -> {
            ((ArrayNode) p.get("features")).add("d");
            ((ArrayNode) p.get("feature_scaler").get("offset")).add(0.0);
            ((ArrayNode) p.get("feature_scaler").get("scale")).add(1.0);
        }));
        out.put("preprocessing-scaler-of-two-columns", preprocessing(base, p -> {
            ((ArrayNode) p.get("feature_scaler").get("offset")).remove(2);
            ((ArrayNode) p.get("feature_scaler").get("scale")).remove(2);
        }));
        out.put("weight-nan", weight(base, Float.NaN));
        out.put("weight-infinite", weight(base, Float.NEGATIVE_INFINITY));
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> c : cases().entrySet()) {
            Files.write(dir.resolve(c.getKey() + ".lamina"), c.getValue());
        }
    }

    private static ArrayNode shape(long width) {
        ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        return a.addNull().add(width);
    }

    private static ObjectNode layer(ObjectNode config, int index) {
        return (ObjectNode) config.get("model").get("config").get("layers").get(index).get("config");
    }

    private static ObjectNode input(ObjectNode config) {
        return layer(config, 0);
    }

    private static byte[] config(Map<String, byte[]> base, Consumer<ObjectNode> change) throws ModelFormatException {
        return withMember(base, "config.json", change);
    }

    private static byte[] preprocessing(Map<String, byte[]> base, Consumer<ObjectNode> change)
            throws ModelFormatException {
        return withMember(base, "preprocessing.json", change);
    }

    private static byte[] withMember(Map<String, byte[]> base, String name, Consumer<ObjectNode> change)
            throws ModelFormatException {
        ObjectNode root = (ObjectNode) Json.parse(base.get(name), name);
        change.accept(root);
        Map<String, byte[]> members = new LinkedHashMap<>(base);
        members.put(name, Json.write(root));
        return ModelArchive.write(members);
    }

    /** The base with the first value of its first weight replaced (the header is left as it is). */
    private static byte[] weight(Map<String, byte[]> base, float value) throws ModelFormatException {
        byte[] w = base.get("weights.safetensors").clone();
        long headerLength = ByteBuffer.wrap(w, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = Json.parse(java.util.Arrays.copyOfRange(w, 8, 8 + (int) headerLength), "header");
        long at = Long.MAX_VALUE;
        for (JsonNode t : header) {
            if (t.has("data_offsets")) {
                at = Math.min(at, t.get("data_offsets").get(0).asLong());
            }
        }
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + (int) headerLength + (int) at, value);
        Map<String, byte[]> members = new LinkedHashMap<>(base);
        members.put("weights.safetensors", w);
        return ModelArchive.write(members);
    }
}
