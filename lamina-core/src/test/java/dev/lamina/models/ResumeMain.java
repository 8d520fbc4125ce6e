package dev.lamina.models;

import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.testing.Datasets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Trains a fixed model on the digits with a backup after every step, then prints the SHA-256 of
 * its weights, optimizer state and history (run in child JVMs that the tests kill and restart).
 */
public final class ResumeMain {
    private ResumeMain() {}

    public static void main(String[] args) throws Exception {
        Datasets.Data data = Datasets.digits();
        Sequential m = Sequential.of(Input.of(64), Dense.of(256, "relu"), Dropout.of(0.3), BatchNormalization.of(),
                Dense.of(256, "relu"), Dense.of(10, "softmax")).seed(Long.parseLong(args[1]));
        m.compile(new Adam(), Losses.get("sparse_categorical_crossentropy"), "accuracy");
        var h = m.fit(data.x(), data.y(), FitOptions.defaults().epochs(8).batchSize(64).validationSplit(0.2).verbose(0)
                .backupAndRestore(Path.of(args[0]), 1));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Parameter p : m.weights()) {
            update(md, p.value().data());
            float[][] slots = m.optimizer().slots(p);
            if (slots != null) {
                for (float[] s : slots) {
                    update(md, s);
                }
            }
        }
        md.update(h.history().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println(HexFormat.of().formatHex(md.digest()));
    }

    private static void update(MessageDigest md, float[] values) {
        for (float v : values) {
            int b = Float.floatToRawIntBits(v);
            md.update(new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b});
        }
    }
}
