package dev.lamina.spark;

import dev.lamina.data.DataSource;
import dev.lamina.layers.Layer;
import dev.lamina.layers.registry.LayerSpec;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tests' one SparkSession (local[2], a failed task retried up to 4 times) and their data. */
final class SparkTests {
    private static SparkSession session;

    private SparkTests() {}

    /** Makes {@code spark} the session of this JVM's tests (a JVM that runs on another master). */
    static synchronized void use(SparkSession spark) {
        session = spark;
    }

    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,4]").appName("lamina-spark-tests")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        }
        return session;
    }

    /** A row: features, label, weight. */
    record Example(float[] x, float y, float w) {}

    /** {@code n} rows of {@code d} features with a smooth target and weights 0.5 to 2 (deterministic). */
    static List<Example> regression(int n, int d, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[d];
            double t = 0;
            for (int j = 0; j < d; j++) {
                x[j] = (float) (r.nextGaussian() * (j + 1) + j);
                t += Math.sin(x[j]) * (j % 2 == 0 ? 1 : -0.5);
            }
            out.add(new Example(x, (float) (t + 0.1 * r.nextGaussian()), 0.5f + 1.5f * r.nextFloat()));
        }
        return out;
    }

    /** The rows as a DataFrame (features vector, label, weight) in {@code partitions} partitions. */
    static Dataset<Row> frame(List<Example> rows, int partitions) {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType).add("weight", DataTypes.DoubleType);
        List<Row> list = new ArrayList<>();
        for (Example e : rows) {
            double[] v = new double[e.x().length];
            for (int j = 0; j < v.length; j++) {
                v[j] = e.x()[j];
            }
            list.add(RowFactory.create(Vectors.dense(v), (double) e.y(), (double) e.w()));
        }
        return spark().createDataFrame(list, schema).repartition(partitions);
    }

    /** The rows in the order a Spark fit gives them (RowOrder's key), weighted or not. */
    static List<Example> ordered(List<Example> rows, long seed, boolean weighted) {
        List<Example> out = new ArrayList<>(rows);
        out.sort(Comparator.comparingLong(e -> RowOrder.key(seed, e.x(), e.y(), weighted ? e.w() : 1f)));
        return out;
    }

    /** Worker {@code p}'s rows of {@code ordered} among {@code workers}. */
    static List<Example> worker(List<Example> ordered, int p, int workers) {
        List<Example> out = new ArrayList<>();
        for (int i = p; i < ordered.size(); i += workers) {
            out.add(ordered.get(i));
        }
        return out;
    }

    static DataSource source(List<Example> rows, boolean weighted) {
        int d = rows.get(0).x().length;
        float[] x = new float[rows.size() * d];
        float[] y = new float[rows.size()];
        float[] w = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).x(), 0, x, i * d, d);
            y[i] = rows.get(i).y();
            w[i] = rows.get(i).w();
        }
        Tensor tx = Tensor.wrap(x, rows.size(), d);
        Tensor ty = Tensor.wrap(y, rows.size(), 1);
        return weighted ? DataSource.of(tx, ty, Tensor.wrap(w, rows.size())) : DataSource.of(tx, ty);
    }

    /** The model a Spark fit of these settings starts from, built as a user would. */
    static Sequential model(String layers, long seed, int features, String optimizer, String loss) {
        Sequential m = Sequential.of(LayerSpec.parse(layers).toArray(Layer[]::new)).seed(seed);
        m.build(features);
        m.compile(optimizer, loss);
        return m;
    }

    static Vector vector(float[] x) {
        double[] v = new double[x.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = x[j];
        }
        return Vectors.dense(v);
    }
}
