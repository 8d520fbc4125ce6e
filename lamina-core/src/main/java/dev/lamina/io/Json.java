package dev.lamina.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON for model files with Jackson, reading as a tree only (no data binding to classes named in
 * the file) under tight limits: nesting depth 64, strings of 1 MB, numbers of 100 digits, documents
 * of 64 MB. Writing is canonical: map keys sorted, so the same maps give the same bytes in any JVM.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                            .maxStringLength(1 << 20).maxNumberLength(100).maxDocumentLength(64L << 20).build())
                    .build())
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Canonical output: a map written from Map.of (whose order changes from JVM to JVM) gives
            // the same bytes every time.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {}

    /** The UTF-8 bytes of {@code value} (maps, lists, strings, numbers, booleans, null). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a document; {@code where} names it in errors. */
    public static JsonNode parse(String text, String where) throws ModelFormatException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null) {
                throw new ModelFormatException(where + " is empty.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses UTF-8 bytes. */
    public static JsonNode parse(byte[] bytes, String where) throws ModelFormatException {
        return parse(new String(bytes, StandardCharsets.UTF_8), where);
    }

    /** A JSON node as plain maps, lists and values (an array as a list, anything else as its value). */
    public static Object toPlain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    /** A JSON object node as plain maps, lists and values (for layer configs). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, Map.class);
    }
}
