package dev.lamina.cli;

import dev.lamina.keras.KerasImport;
import dev.lamina.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Opens a model file of any kind the command reads: Lamina's {@code .lamina}, Keras' {@code .keras} or {@code .h5}. */
final class ModelFilesCli {
    private ModelFilesCli() {}

    /** The model at {@code path}, told apart by content, not by name. */
    static Sequential open(Path path) throws IOException {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, 8);
            if (n >= 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
                return KerasImport.load(path);
            }
        }
        if (isKerasZip(path)) {
            return KerasImport.load(path);
        }
        return Sequential.load(path);
    }

    private static boolean isKerasZip(Path path) {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            ZipEntry e;
            for (int i = 0; i < 64 && (e = zip.getNextEntry()) != null; i++) {
                if (e.getName().equals("model.weights.h5")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
