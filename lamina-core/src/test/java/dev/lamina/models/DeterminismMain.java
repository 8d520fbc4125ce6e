package dev.lamina.models;

import dev.lamina.layers.Dense;
import dev.lamina.layers.Input;
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

    /** The SHA-256 of the weights after 3 epochs on the digits with {@code seed}. */
    public static String trainAndHash(long seed) {
        Datasets.Data data = Datasets.digits();
        Sequential model = Sequential.of(Input.of(64), Dense.of(128, "relu"), Dense.of(64, "gelu"),
                Dense.of(10, "softmax")).seed(seed);
        model.compile(Adam.of(0.003), Losses.get("sparse_categorical_crossentropy"), "accuracy");
        model.fit(data.x(), data.y(), FitOptions.defaults().epochs(3).batchSize(64).validationSplit(0.1).verbose(0));
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
