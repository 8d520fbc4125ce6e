package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Files we read may be hostile. Over 10,000 mutated variants of a valid model file, loading ends
 * in a {@link ModelFormatException} or (for a change in bytes that carry no meaning, such as a zip
 * timestamp) in the very same model; never another exception, never an OutOfMemoryError, and in
 * bounded time.
 */
class HostileFilesTest {
    private static final Sequential MODEL = Sequential.of(Input.of(3), Dense.of(4, "relu"), Dropout.of(0.2),
            BatchNormalization.of(), Dense.of(1)).seed(2);

    private static byte[] valid() {
        return ModelArchive.write(ModelFiles.members(MODEL));
    }

    /** Loads {@code bytes}; returns null on ModelFormatException, the model otherwise. */
    private static Sequential attempt(byte[] bytes, String what) {
        long t0 = System.nanoTime();
        try {
            return ModelFiles.load(ModelArchive.read(bytes, what), what);
        } catch (ModelFormatException e) {
            return null;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 2000) {
                fail(what + " took " + ms + " ms");
            }
        }
    }

    private static void assertSameModel(Sequential m, String what) {
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0, 2}});
        assertArrayEquals(MODEL.predict(x).data(), m.predict(x).data(), what + " loaded but differs");
    }

    @Test
    void tenThousandMutationsOfAValidFile() {
        byte[] good = valid();
        RandomStream r = new RandomStream(7, 0);
        int refused = 0;
        int benign = 0;
        int variants = 0;
        // Truncation at every offset.
        for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 3000)) {
            Sequential m = attempt(java.util.Arrays.copyOf(good, cut), "truncated at " + cut);
            variants++;
            if (m == null) {
                refused++;
            } else {
                assertSameModel(m, "truncated at " + cut);
                benign++;
            }
        }
        // Flipped bytes, one to four at a time.
        while (variants < 10_500) {
            byte[] b = good.clone();
            int flips = 1 + r.nextInt(4);
            StringBuilder what = new StringBuilder("flipped");
            for (int f = 0; f < flips; f++) {
                int at = r.nextInt(b.length);
                b[at] ^= (byte) (1 + r.nextInt(255));
                what.append(' ').append(at);
            }
            Sequential m = attempt(b, what.toString());
            variants++;
            if (m == null) {
                refused++;
            } else {
                assertSameModel(m, what.toString());
                benign++;
            }
        }
        assertTrue(variants >= 10_000);
        assertTrue(refused > 9 * benign, "refused " + refused + ", benign " + benign);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void traversalNamesAndZipBombsAreRefused() throws Exception {
        Map<String, byte[]> traversal = new LinkedHashMap<>();
        traversal.put("../../etc/passwd.json", "{}".getBytes(StandardCharsets.UTF_8));
        ModelFormatException t = assertThrows(ModelFormatException.class,
                () -> ModelArchive.read(zip(traversal), "evil.lamina"));
        assertTrue(t.getMessage().contains("'../../etc/passwd.json' is not a valid member name"), t.getMessage());
        Map<String, byte[]> absolute = Map.of("/config.json", new byte[1]);
        assertThrows(ModelFormatException.class, () -> ModelArchive.read(zip(absolute), "abs.lamina"));
        // 300 MiB of zeros compress to 300 KiB: reading stops at the cap (64 MiB + 4 x 300 KiB).
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("config.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        ModelFormatException bomb = assertThrows(ModelFormatException.class,
                () -> ModelArchive.read(out.toByteArray(), "bomb.lamina"));
        assertTrue(bomb.getMessage().contains("decompresses to more than"), bomb.getMessage());
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("m" + i + ".json", new byte[0]);
        }
        assertThrows(ModelFormatException.class, () -> ModelArchive.read(zip(many), "many.lamina"));
    }

    private static byte[] safetensors(String headerJson, int dataBytes) {
        byte[] h = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length);
        b.put(h);
        return b.array();
    }

    @Test
    void safetensorsHeadersAreCheckedBeforeAnyAllocation() throws ModelFormatException {
        List<String[]> cases = List.of(
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "needs 8 bytes"},
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "starts at byte 4"},
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", "starts at byte 2"},
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,4]}}",
                        "needs"},
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "not a positive"},
                new String[] {"{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", "not supported"},
                new String[] {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "cover 4 bytes"},
                new String[] {"[1,2]", "not a JSON object"},
                new String[] {"{\"a\":", "not valid JSON"});
        for (String[] c : cases) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> SafeTensors.read(safetensors(c[0], c[1].equals("cover 4 bytes") ? 12 : 8), "w.safetensors"),
                    c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        ModelFormatException h = assertThrows(ModelFormatException.class, () -> SafeTensors.read(huge, "h"));
        assertTrue(h.getMessage().contains("header length"), h.getMessage());
        assertEquals(1, SafeTensors.read(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                8), "ok").tensors().size());
    }
}
