package dev.lamina.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lamina.io.ModelFormatException;
import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile Keras files: truncated, with flipped bytes (in the file, in the weights HDF5
 * inside a {@code .keras} zip, in its config) or with absurd numbers in the config. Each either loads
 * (a flip in padding or in a weight value is harmless) or ends in a {@link ModelFormatException};
 * any other exception, an error such as OutOfMemoryError, or a slow load fails the test.
 */
class KerasHostileFilesTest {
    private static byte[] resource(String name) throws Exception {
        return Files.readAllBytes(Path.of(KerasHostileFilesTest.class.getResource("/keras/" + name).toURI()));
    }

    private int refused;
    private int loaded;

    private void attempt(byte[] bytes, String what) {
        long t0 = System.nanoTime();
        try {
            Sequential m = KerasImport.load(bytes, what);
            int[] sample = m.inputShape().dims();
            int[] batch = new int[sample.length + 1];
            batch[0] = 2;
            System.arraycopy(sample, 0, batch, 1, sample.length);
            m.predict(Tensor.zeros(batch));
            loaded++;
        } catch (ModelFormatException e) {
            refused++;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 2000) {
                fail(what + " took " + ms + " ms");
            }
        }
    }

    private void truncationsAndFlips(byte[] good, String name, int flips, long seed) {
        for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 1000)) {
            attempt(Arrays.copyOf(good, cut), name + " truncated at " + cut);
        }
        RandomStream r = new RandomStream(seed, 0);
        for (int i = 0; i < flips; i++) {
            byte[] b = good.clone();
            StringBuilder what = new StringBuilder(name + " flipped");
            for (int f = 1 + r.nextInt(4); f > 0; f--) {
                int at = r.nextInt(b.length);
                b[at] ^= (byte) (1 + r.nextInt(255));
                what.append(' ').append(at);
            }
            attempt(b, what.toString());
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> members) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                out.putNextEntry(new ZipEntry(m.getKey()));
                out.write(m.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void damagedLegacyH5Files() throws Exception {
        truncationsAndFlips(resource("functional/chain.legacy.h5"), "chain.legacy.h5", 3000, 1);
        assertTrue(refused > 1000 && loaded > 0, "refused " + refused + ", loaded " + loaded);
    }

    @Test
    void damagedKerasZips() throws Exception {
        byte[] good = resource("functional/chain.keras");
        truncationsAndFlips(good, "chain.keras", 1000, 2);
        Map<String, byte[]> members = unzip(good);
        byte[] weights = members.get("model.weights.h5");
        // Flips inside the weights HDF5 and inside the config, which the zip's CRC would otherwise catch.
        RandomStream r = new RandomStream(3, 0);
        for (String member : new String[] {"model.weights.h5", "config.json"}) {
            byte[] original = members.get(member);
            for (int cut = 0; cut < original.length; cut += Math.max(1, original.length / 500)) {
                Map<String, byte[]> m = new LinkedHashMap<>(members);
                m.put(member, Arrays.copyOf(original, cut));
                attempt(zip(m), member + " truncated at " + cut);
            }
            for (int i = 0; i < 1500; i++) {
                byte[] b = original.clone();
                int at = r.nextInt(b.length);
                b[at] ^= (byte) (1 + r.nextInt(255));
                Map<String, byte[]> m = new LinkedHashMap<>(members);
                m.put(member, b);
                attempt(zip(m), member + " flipped at " + at);
            }
        }
        assertTrue(weights.length > 1000 && refused > 2000 && loaded > 0, "refused " + refused + ", loaded " + loaded);
    }

    @Test
    void absurdNumbersInTheConfig() throws Exception {
        Map<String, byte[]> members = unzip(resource("functional/chain.keras"));
        String config = new String(members.get("config.json"), StandardCharsets.UTF_8);
        Matcher number = Pattern.compile("(?<=[:\\[,] ?)-?\\d+(\\.\\d+)?(e-?\\d+)?").matcher(config);
        String[] replacements = {"0", "-1", "2147483647", "9223372036854775807", "1e308", "100000000", "\"x\"", "null",
            "[]", "{}"};
        int numbers = 0;
        while (number.find()) {
            numbers++;
            for (String with : replacements) {
                Map<String, byte[]> m = new LinkedHashMap<>(members);
                m.put("config.json", (config.substring(0, number.start()) + with + config.substring(number.end()))
                        .getBytes(StandardCharsets.UTF_8));
                attempt(zip(m), "config number " + numbers + " -> " + with);
            }
        }
        assertTrue(numbers > 20 && refused > numbers, numbers + " numbers; refused " + refused + ", loaded " + loaded);
    }
}
