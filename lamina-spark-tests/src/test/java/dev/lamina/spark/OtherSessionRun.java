package dev.lamina.spark;

import dev.lamina.models.Sequential;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A fit in a JVM of its own, on a master given on the command line (local[1], or a standalone
 * cluster's URL): writes the trained weights to a file, for the tests to compare with their own.
 * Arguments: master, output file, strategy, and for a cluster the executors' class path; or
 * master, output file, {@code predict}, a saved pipeline model's folder: loads it in this JVM's new
 * SparkSession and writes its predictions on the test rows.
 */
public final class OtherSessionRun {
    private OtherSessionRun() {}

    /** The fit every run makes: 2 workers, dropout and batch normalization, weighted rows. */
    static LaminaRegressor estimator(String strategy) {
        return new LaminaRegressor().setLayers("dense(12, relu) dropout(0.2) batchnorm dense(1)").setEpochs(2)
                .setBatchSize(32).setNumWorkers(2).setSeed(21).setStrategy(strategy).setSyncInterval(3)
                .setWeightCol("weight");
    }

    public static void main(String[] args) throws IOException {
        SparkSession.Builder b = SparkSession.builder().master(args[0]).appName("lamina-other-session")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        if (args.length > 3) {
            b.config("spark.executor.extraClassPath", args[3]).config("spark.executor.extraJavaOptions",
                    Jvms.sparkOptions()).config("spark.executor.memory", "768m").config("spark.cores.max", "2")
                    // Start only once both executors have registered: an executor JVM starting on a busy
                    // machine could otherwise miss the whole fit, and the run would not cross processes.
                    .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                    .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
        }
        SparkSession spark = b.getOrCreate();
        SparkTests.use(spark);
        if (args[2].equals("predict")) {
            org.apache.spark.ml.PipelineModel model = org.apache.spark.ml.PipelineModel.load(args[3]);
            try (DataOutputStream out = new DataOutputStream(new FileOutputStream(args[1]))) {
                for (org.apache.spark.sql.Row r : model.transform(SparkTests.frame(SparkTests.regression(180, 4, 41), 3)
                        .orderBy("label")).select("prediction").collectAsList()) {
                    out.writeDouble(r.getDouble(0));
                }
            }
            spark.stop();
            return;
        }
        Sequential m = estimator(args[2]).fit(SparkTests.frame(SparkTests.regression(180, 4, 41), 3)).laminaModel();
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(args[1]))) {
            for (float[] w : m.getWeights()) {
                for (float v : w) {
                    out.writeFloat(v);
                }
            }
        }
        Map<String, String> done = new HashMap<>();
        done.put("executors", Integer.toString(spark.sparkContext().getExecutorMemoryStatus().size()));
        System.out.println("done " + done);
        spark.stop();
    }
}
