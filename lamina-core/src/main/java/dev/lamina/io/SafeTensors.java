package dev.lamina.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets
 * relative to the data after the header) plus an optional {@code "__metadata__"} of strings, then
 * the raw little-endian data. Readable from Python with {@code safetensors.numpy.load_file}.
 *
 * <p>Reading treats the bytes as hostile: the header length is bounded (100 MB and the file's
 * size), every entry is checked (a known dtype, non-negative dimensions whose product times the
 * element size neither overflows nor differs from the byte range), and the byte ranges must tile
 * the data exactly, in order, with no gap or overlap, ending at its last byte.
 */
public final class SafeTensors {
    /** The largest header accepted. */
    public static final long MAX_HEADER = 100L * 1024 * 1024;

    private SafeTensors() {}

    /** The file's bytes for {@code tensors} (float32) and string {@code metadata} (may be empty). */
    public static byte[] write(List<NamedTensor> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (NamedTensor t : tensors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            List<Integer> shape = new ArrayList<>();
            for (int d : t.tensor().shape().dims()) {
                shape.add(d);
            }
            entry.put("shape", shape);
            long size = 4L * t.tensor().size();
            entry.put("data_offsets", List.of(offset, offset + size));
            if (header.put(t.name(), entry) != null) {
                throw new IllegalArgumentException("Two tensors are named '" + t.name() + "'.");
            }
            offset += size;
        }
        byte[] json = Json.write(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded);
        buf.put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        for (NamedTensor t : tensors) {
            for (float v : t.tensor().data()) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    /** The contents of a safetensors file. */
    public record Contents(List<NamedTensor> tensors, Map<String, String> metadata) {
        /** The tensor named {@code name}, or null. */
        public Tensor get(String name) {
            for (NamedTensor t : tensors) {
                if (t.name().equals(name)) {
                    return t.tensor();
                }
            }
            return null;
        }
    }

    /**
     * Parses safetensors bytes; {@code where} names the file in errors.
     *
     * @throws ModelFormatException for anything malformed, with what and where
     */
    public static Contents read(byte[] bytes, String where) throws ModelFormatException {
        if (bytes.length < 8) {
            throw new ModelFormatException(where + ": " + bytes.length + " bytes is too short for a safetensors file"
                    + " (it needs an 8-byte header length).");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8L) {
            throw new ModelFormatException(where + ": header length " + Long.toUnsignedString(n) + " is invalid (the"
                    + " file has " + (bytes.length - 8) + " bytes after the length field, and headers are capped at "
                    + MAX_HEADER + ").");
        }
        int dataStart = 8 + (int) n;
        long dataLength = bytes.length - (long) dataStart;
        JsonNode header = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).stripTrailing(), where + " header");
        if (!header.isObject()) {
            throw new ModelFormatException(where + ": the header is not a JSON object.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                readMetadata(e.getValue(), metadata, where);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), where));
            }
        }
        entries.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected) {
                throw new ModelFormatException(where + ": tensor '" + e.name + "' starts at byte " + e.begin
                        + " but the previous data ends at " + expected + "; byte ranges must follow each other with no"
                        + " gap or overlap.");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw new ModelFormatException(where + ": the tensors cover " + expected + " bytes but the data has "
                    + dataLength + ".");
        }
        List<NamedTensor> tensors = new ArrayList<>();
        for (Entry e : entries) {
            float[] values = new float[e.count];
            ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) e.begin, (int) (e.end - e.begin))
                    .order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().get(values);
            tensors.add(new NamedTensor(e.name, e.shape.length == 0 ? Tensor.wrap(values, 1)
                    : Tensor.wrap(values, e.shape)));
        }
        return new Contents(tensors, metadata);
    }

    private record Entry(String name, int[] shape, int count, long begin, long end) {}

    private static Entry entry(String name, JsonNode node, String where) throws ModelFormatException {
        String at = where + ", tensor '" + name + "'";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw new ModelFormatException(at + ": an entry needs dtype, shape and data_offsets [begin, end].");
        }
        String dtype = node.get("dtype").asText();
        if (!dtype.equals("F32")) {
            throw new ModelFormatException(at + ": dtype " + dtype + " is not supported; Lamina stores F32.");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode.size() > 8) {
            throw new ModelFormatException(at + ": rank " + shapeNode.size() + " is more than Lamina's 8.");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > Integer.MAX_VALUE) {
                throw new ModelFormatException(at + ": dimension " + i + " (" + d + ") is not a positive integer.");
            }
            shape[i] = (int) d.asLong();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(at + ": the shape's size overflows.", e);
            }
        }
        long begin = offset(node.get("data_offsets").get(0), at);
        long end = offset(node.get("data_offsets").get(1), at);
        if (count > Integer.MAX_VALUE / 4 || end - begin != count * 4) {
            throw new ModelFormatException(at + ": shape " + java.util.Arrays.toString(shape) + " needs " + count * 4
                    + " bytes but data_offsets span " + (end - begin) + ".");
        }
        return new Entry(name, shape, (int) count, begin, end);
    }

    private static long offset(JsonNode n, String at) throws ModelFormatException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new ModelFormatException(at + ": data_offsets must be non-negative integers, received " + n + ".");
        }
        return n.asLong();
    }

    private static void readMetadata(JsonNode node, Map<String, String> out, String where) throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException(where + ": __metadata__ must be an object of strings.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(where + ": __metadata__ value '" + e.getKey() + "' is not a string.");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
    }

    /** Rejects the metadata key {@code key} unless it parses as a long. */
    public static long metadataLong(Map<String, String> metadata, String key, String where)
            throws ModelFormatException {
        String v = metadata.get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new ModelFormatException(where + ": metadata '" + key + "' must be an integer, received " + v + ".", e);
        }
    }
}
