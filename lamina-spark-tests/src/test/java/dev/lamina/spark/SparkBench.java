package dev.lamina.spark;

import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.spark.SparkTests.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * lamina-spark's benchmark (bench/spark.sh runs it; not a test): on local[2],
 * <ol>
 *   <li>the overhead of a synchronous round: the time of a sync step on Spark with 2 workers
 *       less the time one worker's part takes on one machine (a step of B/2 rows), for a model of
 *       about 100,000 and one of about 1,000,000 parameters;</li>
 *   <li>local SGD (k = 8, 2 workers) on W2's model over 200,000 rows against a single-machine epoch
 *       of the same model and rows.</li>
 * </ol>
 * Each figure is the median of 3 rounds; the single-machine runs in the same JVM.
 */
public final class SparkBench {
    private SparkBench() {}

    public static void main(String[] args) {
        SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("lamina-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        // bench.conf: Spark settings to compare, as key=value;key=value
        for (String kv : System.getProperty("bench.conf", "").split(";")) {
            if (kv.contains("=")) {
                builder.config(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        SparkSession spark = builder.getOrCreate();
        SparkTests.use(spark);
        System.out.printf(Locale.ROOT, "lamina-spark bench, local[2], %d cores, java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        String parts = System.getProperty("bench.parts", "sync,local");
        if (parts.contains("sync")) {
            syncOverhead("dense(300, relu) dense(300, relu) dense(1)", 11);
            syncOverhead("dense(1024, relu) dense(1024, relu) dense(1)", 11);
        }
        if (parts.contains("transfer")) {
            transfer(spark, 25 << 20);
        }
        if (parts.contains("local")) {
            localSgd(Integer.getInteger("bench.rows", 200_000));
        }
        spark.stop();
    }

    private static void syncOverhead(String layers, int features) {
        List<Example> rows = SparkTests.regression(8_192, features, 1);
        Dataset<Row> data = SparkTests.frame(rows, 2).cache();
        data.count();
        int batch = 256;
        int epochs = 2;
        long params = SparkTests.model(layers, 0, features, "adam", "mse").countParams();
        List<Double> spark = new ArrayList<>();
        List<Double> local = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            LaminaRegressor r = new LaminaRegressor().setLayers(layers).setEpochs(epochs).setBatchSize(batch)
                    .setNumWorkers(2).setSeed(round);
            long t0 = System.nanoTime();
            r.fit(data);
            double s = (System.nanoTime() - t0) / 1e9;
            Sequential m = SparkTests.model(layers, round, features, "adam", "mse");
            long t1 = System.nanoTime();
            m.fit(SparkTests.source(rows, false), FitOptions.defaults().epochs(epochs).batchSize(batch / 2)
                    .verbose(0));
            double l = (System.nanoTime() - t1) / 1e9;
            if (round > 0) { // the first round warms up both
                spark.add(s / (epochs * rows.size() / (double) batch));
                local.add(l / (epochs * rows.size() / (batch / 2.0)));
            }
        }
        double step = median(spark);
        double part = median(local);
        System.out.printf(Locale.ROOT, "sync round, %,d parameters: %.1f ms a step on Spark, %.1f ms for one worker's"
                + " part alone, overhead %.1f ms%n", params, 1e3 * step, 1e3 * part, 1e3 * (step - part));
    }

    private static void localSgd(int n) {
        String layers = "dense(1024, relu) dropout(0.3) batchnorm dense(1024, relu) dropout(0.3) batchnorm"
                + " dense(1024, relu) dropout(0.3) batchnorm dense(1)";
        List<Example> rows = SparkTests.regression(n, 11, 3);
        Dataset<Row> data = SparkTests.frame(rows, 2).cache();
        data.count();
        List<Double> spark = new ArrayList<>();
        List<Double> local = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Sequential m = SparkTests.model(layers, round, 11, "adam", "mae");
            long t1 = System.nanoTime();
            m.fit(SparkTests.source(rows, false), FitOptions.defaults().epochs(1).batchSize(256).verbose(0));
            local.add((System.nanoTime() - t1) / 1e9);
            LaminaRegressor r = new LaminaRegressor().setLayers(layers).setLoss("mae").setEpochs(1)
                    .setBatchSize(256).setNumWorkers(2).setSeed(round).setStrategy("local_sgd").setSyncInterval(8);
            long t0 = System.nanoTime();
            r.fit(data);
            spark.add((System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "  round %d: single machine %.1f s, local SGD on Spark %.1f s%n", round,
                    local.get(round), spark.get(round));
        }
        System.out.printf(Locale.ROOT, "local SGD k=8, W2's model, %,d rows: %.1f s an epoch on Spark, %.1f s on one"
                + " machine: %.2fx%n", n, median(spark), median(local), median(spark) / median(local));
    }

    /** Spark's own cost of bringing back one array of {@code bytes} from each of 2 tasks, and of a broadcast. */
    private static void transfer(SparkSession spark, int bytes) {
        org.apache.spark.api.java.JavaSparkContext jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                spark.sparkContext());
        org.apache.spark.api.java.JavaRDD<Integer> two = jsc.parallelize(List.of(0, 1), 2).cache();
        two.count();
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            byte[] payload = new byte[bytes];
            org.apache.spark.broadcast.Broadcast<byte[]> b = jsc.broadcast(payload);
            long t1 = System.nanoTime();
            List<byte[]> out = two.map(i -> b.value().clone()).collect();
            long t2 = System.nanoTime();
            b.destroy();
            System.out.printf(Locale.ROOT, "transfer %d MB: broadcast %.1f ms, job returning 2 x %d MB %.1f ms%n",
                    bytes >> 20, (t1 - t0) / 1e6, out.get(0).length >> 20, (t2 - t1) / 1e6);
        }
        long t0 = System.nanoTime();
        for (int round = 0; round < 8; round++) {
            two.map(i -> i).collect();
        }
        System.out.printf(Locale.ROOT, "an empty job: %.1f ms%n", (System.nanoTime() - t0) / 8e6);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
