package dev.lamina.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.random.RandomStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutations of a model archive's meaning rather than its bytes: values in {@code config.json},
 * {@code preprocessing.json} and the safetensors headers replaced by hostile ones (huge, negative,
 * fractional, overflowing, of another type), keys removed, array elements repeated, after which the
 * manifest is recomputed, as an attacker would, so that loading gets past the integrity check.
 */
final class SemanticMutations {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonNode[] HOSTILE = {
        F.numberNode(0), F.numberNode(-1), F.numberNode(1), F.numberNode(2), F.numberNode(30_000),
        F.numberNode(Integer.MAX_VALUE), F.numberNode(2_147_483_648L), F.numberNode(4_294_967_312L),
        F.numberNode(-2_147_483_649L), F.numberNode(Long.MAX_VALUE), F.numberNode(new BigInteger("18446744073709551616")),
        F.numberNode(0.5), F.numberNode(1e308), F.numberNode(-1e308), F.numberNode(1e-320), F.numberNode(1e20),
        F.textNode(""), F.textNode("x"), F.textNode("NaN"), F.textNode("java.lang.Runtime"), F.textNode("Dense"),
        F.textNode("BatchNormalization"), F.textNode("../../etc/passwd"), F.nullNode(), F.booleanNode(true),
        F.booleanNode(false), F.arrayNode(), F.objectNode(),
        F.arrayNode().addNull().add(30_000), F.arrayNode().addNull().add(Integer.MAX_VALUE),
        F.arrayNode().add(1).add(2).add(3), F.arrayNode().add("a").add("a"),
    };

    private final Map<String, byte[]> valid;
    private final RandomStream random;

    SemanticMutations(Map<String, byte[]> valid, long seed) {
        this.valid = valid;
        this.random = new RandomStream(seed, 0);
    }

    /** A mutated archive: one to three changes to one member's meaning, manifest recomputed. */
    byte[] next() throws ModelFormatException {
        Map<String, byte[]> members = new LinkedHashMap<>(valid);
        List<String> names = new ArrayList<>(members.keySet());
        String name = names.get(random.nextInt(names.size()));
        byte[] content = members.get(name);
        int changes = 1 + random.nextInt(3);
        members.put(name, name.endsWith(".json") ? mutateJson(content, changes) : mutateSafeTensors(content, changes));
        return ModelArchive.write(members);
    }

    private byte[] mutateJson(byte[] json, int changes) throws ModelFormatException {
        JsonNode root = Json.parse(json, "mutation");
        for (int i = 0; i < changes; i++) {
            mutate(root);
        }
        return Json.write(Json.toMap(root));
    }

    /** Mutates the JSON header of a safetensors member, keeping its layout (length prefix, data). */
    private byte[] mutateSafeTensors(byte[] bytes, int changes) throws ModelFormatException {
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] header = Arrays.copyOfRange(bytes, 8, 8 + (int) headerLength);
        JsonNode root = Json.parse(header, "mutation");
        for (int i = 0; i < changes; i++) {
            mutate(root);
        }
        byte[] newHeader = Json.write(Json.toMap(root));
        ByteBuffer out = ByteBuffer.allocate(8 + newHeader.length + bytes.length - 8 - (int) headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(newHeader.length).put(newHeader).put(bytes, 8 + (int) headerLength,
                bytes.length - 8 - (int) headerLength);
        return out.array();
    }

    /** Replaces, removes or repeats one node somewhere below {@code root}. */
    private void mutate(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent instanceof ObjectNode o && o.size() > 0) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String key = keys.get(random.nextInt(keys.size()));
            int action = random.nextInt(10);
            if (action == 0) {
                o.remove(key);
            } else {
                o.set(key, HOSTILE[random.nextInt(HOSTILE.length)].deepCopy());
            }
        } else if (parent instanceof ArrayNode a && a.size() > 0) {
            int at = random.nextInt(a.size());
            int action = random.nextInt(4);
            if (action == 0) {
                a.insert(at, a.get(at).deepCopy());
            } else if (action == 1) {
                a.remove(at);
            } else {
                a.set(at, HOSTILE[random.nextInt(HOSTILE.length)].deepCopy());
            }
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode() && n.size() > 0) {
            out.add(n);
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    /** The UTF-8 text of a member, for messages. */
    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
