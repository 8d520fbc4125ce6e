package dev.lamina.data;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.util.ValueHash;
import java.nio.file.Path;

/**
 * Trains twice from a streamed CSV file (run in a JVM with a small heap by
 * {@link CsvStreamMemoryTest}) and prints a hash of each run's weights and the heap's peak.
 * Arguments: the file, the target column, epochs.
 */
public final class CsvStreamMain {
    private CsvStreamMain() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int epochs = Integer.parseInt(args[2]);
        StringBuilder out = new StringBuilder();
        for (int run = 0; run < 2; run++) {
            CsvSource s = CsvSource.of(file, args[1]);
            Sequential m = Sequential.of(Input.of(s.featureNames().size()), Dense.of(16, "relu"), Dense.of(1)).seed(1);
            m.compile("adam", "mse");
            long start = System.nanoTime();
            m.fit(s, FitOptions.defaults().epochs(epochs).batchSize(512).seed(9).verbose(0));
            long h = ValueHash.START;
            for (float[] w : m.getWeights()) {
                h = ValueHash.of(w, h);
            }
            out.append(String.format("run %d: %d rows, %.1f s, weights %s%n", run, s.rows(),
                    (System.nanoTime() - start) / 1e9, ValueHash.hex(h)));
        }
        System.out.print(out);
    }
}
