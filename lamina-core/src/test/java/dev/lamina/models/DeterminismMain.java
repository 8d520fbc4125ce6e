package dev.lamina.models;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.testing.Datasets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Trains a fixed model with a fixed seed and prints the SHA-256 of its weights (run in a second JVM by the tests). */
public final class DeterminismMain {
    private DeterminismMain() {}

    public static void main(String[] args) {
        System.out.println(trainAndHash(Long.parseLong(args[0])));
    }

    /**
     * The SHA-256 of the weights after 3 epochs on the digits with {@code seed}. The first block is
     * wide enough (batch 128 x 512 units) that its activation, dropout, batch normalization and Adam
     * loops are shared among the worker threads when there are several.
     */
    public static String trainAndHash(long seed) {
        Datasets.Data data = Datasets.digits();
        Sequential model = Sequential.of(Input.of(64), Dense.of(512, "relu"), Dropout.of(0.3),
                BatchNormalization.of(), Dense.of(64, "gelu"), Dense.of(10, "softmax")).seed(seed);
        model.compile(Adam.of(0.003), Losses.get("sparse_categorical_crossentropy"), "accuracy");
        model.fit(data.x(), data.y(), FitOptions.defaults().epochs(3).batchSize(128).validationSplit(0.1).verbose(0));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (float[] w : model.getWeights()) {
                for (float v : w) {
                    int bits = Float.floatToRawIntBits(v);
                    md.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
