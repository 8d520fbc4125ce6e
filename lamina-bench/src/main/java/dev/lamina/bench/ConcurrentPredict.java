package dev.lamina.bench;

import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * C1: a web service's load on one shared model. Single-row predictions of W1's model (1,000
 * different rows) from one thread, then from 16 threads sharing the same model object; rows per
 * second of each, their ratio, and whether every one of the 16 threads' results equals the
 * single-threaded result for its row, bit for bit. Three rounds, one thread and 16 alternating.
 */
final class ConcurrentPredict {
    private static final int CALLERS = 16;
    private static final int CALLS = 4000;

    private ConcurrentPredict() {}

    static Map<String, Object> run(Sequential model, Tensor rows, PrintStream log) throws Exception {
        int n = Math.min(1000, rows.rows());
        int cols = rows.cols();
        Tensor[] singles = new Tensor[n];
        float[][] expected = new float[n][];
        for (int i = 0; i < n; i++) {
            singles[i] = Tensor.wrap(Arrays.copyOfRange(rows.data(), i * cols, (i + 1) * cols), 1, cols);
            expected[i] = model.predict(singles[i], 1).data();
        }
        List<Double> one = new ArrayList<>();
        List<Double> many = new ArrayList<>();
        boolean identical = true;
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int round = 0; round < 6; round++) {
                // The same work per call as each of the 16 callers below: the prediction and the comparison.
                long t0 = System.nanoTime();
                for (int k = 0; k < CALLERS * CALLS / 4; k++) {
                    int i = k % n;
                    identical &= Arrays.equals(expected[i], model.predict(singles[i], 1).data());
                }
                double oneRate = CALLERS * CALLS / 4 / ((System.nanoTime() - t0) / 1e9);
                List<Future<Boolean>> done = new ArrayList<>();
                long t1 = System.nanoTime();
                for (int c = 0; c < CALLERS; c++) {
                    int caller = c;
                    done.add(pool.submit(() -> {
                        boolean same = true;
                        for (int k = 0; k < CALLS; k++) {
                            int i = (caller * 61 + k) % n;
                            same &= Arrays.equals(expected[i], model.predict(singles[i], 1).data());
                        }
                        return same;
                    }));
                }
                for (Future<Boolean> f : done) {
                    identical &= f.get();
                }
                double manyRate = CALLERS * CALLS / ((System.nanoTime() - t1) / 1e9);
                if (round > 0) { // the first round warms the JIT up
                    one.add(oneRate);
                    many.add(manyRate);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < one.size(); i++) {
            ratios.add(many.get(i) / one.get(i));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("one_thread_rows_per_s", Stats.summarize(one));
        r.put("threads_16_rows_per_s", Stats.summarize(many));
        r.put("ratio", Stats.summarize(ratios));
        r.put("bit_identical", identical);
        log.printf(Locale.ROOT, "C1: single-row predicts, 1 thread %.0f rows/s, 16 threads %.0f rows/s (%.2fx);"
                + " bit-identical: %s%n", Stats.median(one), Stats.median(many), Stats.median(ratios), identical);
        return r;
    }
}
