package dev.lamina.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.Logs;
import dev.lamina.data.CsvSource;
import dev.lamina.data.DataSource;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.openblas.OpenBlasBackend;
import dev.lamina.optimizers.Adam;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Backend;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Transpose;
import dev.lamina.tensor.WorkerPool;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The peers' workloads, defined as in {@code shared/peers/RESULTS.md} ("Workload definitions as
 * implemented") and timed the same way as {@code peers/torch/bench.py}, with results under the
 * same JSON keys ({@code W1.epoch_s.median}, {@code W4.latency_us.median}, ...):
 * <ul>
 *   <li>W1: 11 → [Dense(1024, relu) → Dropout(0.3) → BatchNormalization] × 3 → Dense(1), MAE, Adam(1e-3,
 *       eps 1e-7), batch 256, 1119 training rows shuffled each epoch, 480 validation rows; 2 warm-up
 *       epochs, then 7 timed; epoch time = train + validation.</li>
 *   <li>W2: the same model on 100,000 rows (one warm-up epoch of 1119 rows, then one timed epoch).</li>
 *   <li>S2: W2 read from a CSV file of the same rows by the streaming reader ({@code CsvSource},
 *       shuffled by chunks and windows), after the same warm-up; its rows/s beside W2's, measured in
 *       the same run.</li>
 *   <li>W3: 11 → Dense(512, relu) → Dense(512, relu) → Dense(1), batch 32.</li>
 *   <li>W4: the trained W1 model predicting 100,000 rows in batches of 4096 (2 warm-up, 5 timed
 *       passes), then 10,000 single-row calls.</li>
 *   <li>C1: single-row predictions of W1's model from 1 thread and from 16 threads sharing it
 *       (see {@code ConcurrentPredict}).</li>
 *   <li>K1: {@code C = op(A) op(B)} through the Java backend and OpenBLAS, per shape and thread count.</li>
 * </ul>
 * Data: 11 standard-normal features, target {@code 0.3 x·w + 5.6 + 0.1 noise}.
 */
public final class Workloads {
    private final int threads;
    private final PrintStream log;
    private final Map<String, Object> results = new LinkedHashMap<>();

    /**
     * @param threads the thread count (the {@code lamina.threads} property must match, see {@link #run})
     * @param log where progress goes
     */
    public Workloads(int threads, PrintStream log) {
        this.threads = threads;
        this.log = log;
        results.put("peer", "lamina");
        results.put("num_threads", threads);
        results.put("java", System.getProperty("java.version"));
        results.put("kernel", JavaBackend.kernelName());
    }

    /** Runs the named workloads and returns the results map (peers' keys). */
    public Map<String, Object> run(Set<String> workloads, int epochs, int warmup, int w2Rows) {
        double before = CoreToCore.roundTripNanos();
        log.printf(Locale.ROOT, "Core-to-core round trip before: %.0f ns%n", before);
        Sequential w1 = null;
        if (workloads.contains("W1") || workloads.contains("W4")) {
            Tensor[] tr = data(1119, 1);
            Tensor[] va = data(480, 2);
            w1 = wineModel();
            Map<String, Object> r = fit("W1", w1, 256, tr, va, workloads.contains("W1") ? epochs : 0, warmup);
            if (workloads.contains("W1")) {
                results.put("W1", r);
            }
        }
        if (workloads.contains("W2")) {
            Tensor[] big = data(w2Rows, 3);
            Sequential m = wineModel();
            fit("W2-warm", m, 256, new Tensor[] {rows(big[0], 1119), rows(big[1], 1119)}, null, 0, 1);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rows", w2Rows);
            r.putAll(fit("W2", m, 256, big, null, 1, 0));
            results.put("W2", r);
        }
        if (workloads.contains("S2")) {
            results.put("S2", streamed(w2Rows));
        }
        if (workloads.contains("W3")) {
            Sequential m = Sequential.of(Input.of(11), Dense.of(512, "relu"), Dense.of(512, "relu"), Dense.of(1)).seed(0);
            compile(m);
            results.put("W3", fit("W3", m, 32, data(1119, 1), data(480, 2), epochs, warmup));
        }
        if (workloads.contains("W4")) {
            results.put("W4", predict(w1));
        }
        if (workloads.contains("C1")) {
            try {
                results.put("C1", ConcurrentPredict.run(serviceModel(), data(1000, 5)[0], log));
            } catch (Exception e) {
                throw new IllegalStateException("C1 failed: " + e, e);
            }
        }
        if (workloads.contains("K1")) {
            gemm();
        }
        double after = CoreToCore.roundTripNanos();
        log.printf(Locale.ROOT, "Core-to-core round trip after: %.0f ns%n", after);
        Map<String, Object> c2c = new LinkedHashMap<>();
        c2c.put("before", before);
        c2c.put("after", after);
        results.put("core_to_core_round_trip_ns", c2c);
        return results;
    }

    /**
     * W1's model: 11 inputs, [Dense(1024, relu), Dropout(0.3), BatchNormalization] x 3, Dense(1);
     * seed 0, compiled with MAE and Adam (learning rate 1e-3, epsilon 1e-7).
     */
    public static Sequential wineModel() {
        Sequential m = new Sequential();
        m.add(Input.of(11));
        for (int i = 0; i < 3; i++) {
            m.add(Dense.of(1024, "relu"));
            m.add(Dropout.of(0.3));
            m.add(BatchNormalization.of());
        }
        m.add(Dense.of(1));
        m.seed(0);
        compile(m);
        return m;
    }

    /**
     * C1's model, of the size a service predicting on a table would run: 11 inputs, Dense(128, relu),
     * BatchNormalization, Dropout(0.3), Dense(128, relu), Dense(1); seed 0.
     */
    static Sequential serviceModel() {
        Sequential m = Sequential.of(Input.of(11), Dense.of(128, "relu"), BatchNormalization.of(), Dropout.of(0.3),
                Dense.of(128, "relu"), Dense.of(1)).seed(0);
        compile(m);
        return m;
    }

    private static void compile(Sequential m) {
        m.compile(new Adam(), Losses.get("mae"));
    }

    /** {@code rows} examples: 11 standard-normal features and a noisy linear target. */
    static Tensor[] data(int rows, long seed) {
        RandomStream r = new RandomStream(seed, 0);
        float[] w = new float[11];
        for (int j = 0; j < 11; j++) {
            w[j] = (float) r.nextGaussian();
        }
        float[] x = new float[rows * 11];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < 11; j++) {
                x[i * 11 + j] = (float) r.nextGaussian();
                s += x[i * 11 + j] * w[j];
            }
            y[i] = (float) (s * 0.3 + 5.6 + 0.1 * r.nextGaussian());
        }
        return new Tensor[] {Tensor.wrap(x, rows, 11), Tensor.wrap(y, rows, 1)};
    }

    private static Tensor rows(Tensor t, int n) {
        float[] d = java.util.Arrays.copyOf(t.data(), n * t.cols());
        return Tensor.wrap(d, n, t.cols());
    }

    /** S2: W2's rows written to a CSV file and trained on as a stream, beside W2's rows/s if W2 ran. */
    private Map<String, Object> streamed(int rows) {
        Tensor[] big = data(rows, 3);
        Path csv;
        try {
            csv = Files.createTempFile("lamina-s2-", ".csv");
            csv.toFile().deleteOnExit();
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,y\n");
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < rows; i++) {
                    sb.setLength(0);
                    for (int j = 0; j < 11; j++) {
                        sb.append(big[0].data()[i * 11 + j]).append(',');
                    }
                    w.write(sb.append(big[1].data()[i]).append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("S2 could not write its CSV file: " + e.getMessage(), e);
        }
        Sequential m = wineModel();
        fit("S2-warm", m, 256, new Tensor[] {rows(big[0], 1119), rows(big[1], 1119)}, null, 0, 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", rows);
        r.put("file_bytes", csv.toFile().length());
        r.putAll(fit("S2", m, 256, null, null, 1, 0, CsvSource.of(csv, "y")));
        Object w2 = results.get("W2");
        if (w2 instanceof Map<?, ?> w2m && w2m.get("train_rows_per_s") instanceof Map<?, ?> w2r
                && r.get("train_rows_per_s") instanceof Map<?, ?> s2r) {
            double ratio = ((Number) s2r.get("median")).doubleValue() / ((Number) w2r.get("median")).doubleValue();
            r.put("rows_per_s_vs_W2", ratio);
            log.printf(Locale.ROOT, "S2: streamed rows/s are %.2f of W2's in memory%n", ratio);
        }
        try {
            Files.deleteIfExists(csv);
        } catch (IOException e) {
            // deleteOnExit stays armed
        }
        return r;
    }

    private Map<String, Object> fit(String name, Sequential m, int batch, Tensor[] train, Tensor[] valid, int epochs,
                                    int warmup) {
        return fit(name, m, batch, train, valid, epochs, warmup, null);
    }

    /**
     * Times epochs: train (first batch start to last batch end) and train + validation; from
     * {@code stream} when it is not null, else from {@code train}.
     */
    private Map<String, Object> fit(String name, Sequential m, int batch, Tensor[] train, Tensor[] valid, int epochs,
                                    int warmup, DataSource stream) {
        List<Double> epochS = new ArrayList<>();
        List<Double> trainS = new ArrayList<>();
        List<Double> rowsPerS = new ArrayList<>();
        long[] t = new long[2];
        Callback timer = new Callback() {
            @Override
            public void onEpochBegin(int epoch) {
                t[0] = System.nanoTime();
            }

            @Override
            public void onTrainBatchEnd(int b, Logs logs) {
                t[1] = System.nanoTime();
            }
        };
        for (int e = 0; e < warmup + epochs; e++) {
            FitOptions o = FitOptions.defaults().epochs(1).batchSize(batch).verbose(0).seed(e).callbacks(timer);
            if (valid != null) {
                o = o.validationData(valid[0], valid[1]);
            }
            var h = stream != null ? m.fit(stream, o) : m.fit(train[0], train[1], o);
            long end = System.nanoTime();
            double tr = (t[1] - t[0]) / 1e9;
            double ep = (end - t[0]) / 1e9;
            log.printf(Locale.ROOT, "  %s epoch %d [%s] train %.3fs total %.3fs loss %.4f%n", name, e,
                    e < warmup ? "warmup" : "timed", tr, ep, h.last("loss"));
            if (e >= warmup) {
                epochS.add(ep);
                trainS.add(tr);
                rowsPerS.add((stream != null ? stream.rows() : train[0].rows()) / tr);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        if (!epochS.isEmpty()) {
            r.put("epoch_s", Stats.summarize(epochS));
            r.put("train_s", Stats.summarize(trainS));
            r.put("train_rows_per_s", Stats.summarize(rowsPerS));
            log.printf(Locale.ROOT, "%s: epoch %.4fs, train rows/s %.0f%n", name, Stats.median(epochS),
                    Stats.median(rowsPerS));
        }
        return r;
    }

    private Map<String, Object> predict(Sequential m) {
        Tensor x = data(100_000, 4)[0];
        for (int i = 0; i < 2; i++) {
            m.predict(x, 4096);
        }
        List<Double> thr = new ArrayList<>();
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            m.predict(x, 4096);
            thr.add(x.rows() / ((System.nanoTime() - t0) / 1e9));
        }
        Tensor[] singles = new Tensor[1000];
        for (int i = 0; i < singles.length; i++) {
            singles[i] = Tensor.wrap(java.util.Arrays.copyOfRange(x.data(), i * 11, i * 11 + 11), 1, 11);
        }
        for (int i = 0; i < 2000; i++) {
            m.predict(singles[i % 1000], 1);
        }
        List<Double> lat = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long t0 = System.nanoTime();
            m.predict(singles[i % 1000], 1);
            lat.add((System.nanoTime() - t0) / 1000.0);
        }
        Collections.sort(lat);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("median", Stats.median(lat));
        latency.put("p10", lat.get(lat.size() / 10));
        latency.put("p90", lat.get(lat.size() * 9 / 10));
        latency.put("min", lat.get(0));
        latency.put("n", lat.size());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("batch4096_rows_per_s", Stats.summarize(thr));
        r.put("latency_us", latency);
        log.printf(Locale.ROOT, "W4: batch 4096 rows/s %.0f; batch-1 latency median %.1f us%n", Stats.median(thr),
                Stats.median(lat));
        return r;
    }

    /**
     * K1 on the Java backend and, in the same run, on OpenBLAS: the Java figures under the peers'
     * keys ({@code K1}); OpenBLAS on native memory as the peers measured it under
     * {@code K1_openblas}; OpenBLAS through Lamina's backend (with its copies) under
     * {@code K1_openblas_backend}; and the Java GEMM's share of native OpenBLAS's speed under
     * {@code K1_java_over_openblas}.
     */
    private void gemm() {
        Object[][] shapes = {{"NN", 256, 1024, 1024}, {"NN", 256, 11, 1024}, {"NN", 1024, 1024, 1024},
            {"NN", 32, 512, 512}, {"NN", 2048, 2048, 2048}, {"TN", 256, 1024, 1024}, {"NT", 256, 1024, 1024},
            {"TN", 1024, 1024, 1024}, {"NT", 1024, 1024, 1024}, {"TN", 1024, 256, 1024}};
        Map<String, Object> java = new LinkedHashMap<>();
        Map<String, Object> blas = new LinkedHashMap<>();
        Map<String, Object> viaBackend = new LinkedHashMap<>();
        Map<String, Object> ratio = new LinkedHashMap<>();
        for (int th : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            Backend jb = new JavaBackend(new WorkerPool(th));
            Backend ob = new OpenBlasBackend(th);
            RandomStream r = new RandomStream(0, 0);
            for (Object[] s : shapes) {
                String op = (String) s[0];
                int m = (Integer) s[1];
                int k = (Integer) s[2];
                int n = (Integer) s[3];
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = r.nextFloat() - 0.5f;
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = r.nextFloat() - 0.5f;
                }
                float[] c = new float[m * n];
                Transpose ta = op.charAt(0) == 'T' ? Transpose.YES : Transpose.NO;
                Transpose tb = op.charAt(1) == 'T' ? Transpose.YES : Transpose.NO;
                int lda = ta == Transpose.NO ? k : m;
                int ldb = tb == Transpose.NO ? n : k;
                List<Double> j = gflops(() -> jb.gemm(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n), m, k, n);
                List<Double> o;
                try (NativeSgemm raw = new NativeSgemm(ta, tb, m, n, k, a, lda, b, ldb)) {
                    o = gflops(raw::run, m, k, n);
                }
                List<Double> v = gflops(() -> ob.gemm(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n), m, k, n);
                String key = op + " " + m + "x" + k + "x" + n + " t" + th;
                java.put(key, Stats.summarize(j));
                blas.put(key, Stats.summarize(o));
                viaBackend.put(key, Stats.summarize(v));
                double share = Stats.median(j) / Stats.median(o);
                ratio.put(key, share);
                log.printf(Locale.ROOT, "K1 %s: java %.1f, openblas %.1f (through the backend %.1f) GFLOP/s;"
                        + " java/openblas %.2f%n", key, Stats.median(j), Stats.median(o), Stats.median(v), share);
            }
        }
        results.put("K1", java);
        results.put("K1_openblas", blas);
        results.put("K1_openblas_backend", viaBackend);
        results.put("K1_java_over_openblas", ratio);
    }

    /**
     * About 0.3 s of warm-up, then 5 timed repetitions of at least 0.2 s each. A repetition runs
     * calls until 0.2 s have passed: a count of calls planned from the warm-up's average would be
     * one call for the JVM's first shape, whose first call alone takes about 0.3 s while the JIT
     * compiles the kernel, and its repetitions would time single calls of a few milliseconds.
     */
    private static List<Double> gflops(Runnable call, int m, int k, int n) {
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < 300_000_000L || calls < 2) {
            call.run();
            calls++;
        }
        List<Double> gf = new ArrayList<>();
        for (int rep = 0; rep < 5; rep++) {
            long t1 = System.nanoTime();
            long elapsed;
            int done = 0;
            do {
                call.run();
                done++;
                elapsed = System.nanoTime() - t1;
            } while (elapsed < 200_000_000L);
            gf.add(2.0 * m * k * n * done / (elapsed / 1e9) / 1e9);
        }
        return gf;
    }

    /** Writes the results as JSON. */
    public static void writeJson(Map<String, Object> results, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
    }
}
