package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.spark.SparkTests.Example;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The estimators as Spark ML users meet them: columns, classes, early errors, history. */
class EstimatorsTest {
    /** Three classes by the sign pattern of the first two features. */
    private static Dataset<Row> classes(int n) {
        List<Example> rows = SparkTests.regression(n, 4, 21);
        StructType schema = new StructType().add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        List<Row> list = new ArrayList<>();
        for (Example e : rows) {
            double label = e.x()[0] > 0 ? (e.x()[1] > 1 ? 2 : 1) : 0;
            list.add(RowFactory.create(SparkTests.vector(e.x()), label));
        }
        return SparkTests.spark().createDataFrame(list, schema);
    }

    @Test
    void aClassifierLearnsThreeClassesAndGivesProbabilities() {
        Dataset<Row> data = classes(600);
        LaminaClassificationModel m = new LaminaClassifier().setLayers("dense(32, relu) dense(3, softmax)")
                .setEpochs(15).setNumWorkers(2).setSeed(4).setLearningRate(0.01).setValidationFraction(0.2)
                .fit(data);
        assertEquals(3, m.numClasses());
        Dataset<Row> out = m.transform(data);
        double accuracy = out.filter(functions.col("prediction").equalTo(functions.col("label"))).count()
                / (double) out.count();
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
        Vector p = out.select("probability").head().getAs(0);
        assertEquals(1.0, p.apply(0) + p.apply(1) + p.apply(2), 1e-5);
        assertEquals(15, m.history().get("loss").size());
        assertEquals(15, m.history().get("val_loss").size());
        assertTrue(m.history().get("loss").get(14) < m.history().get("loss").get(0), m.history().toString());
    }

    @Test
    void aBinaryClassifierEndsInOneSigmoidUnit() {
        Dataset<Row> data = classes(300).withColumn("label", functions.when(functions.col("label").equalTo(0), 0.0)
                .otherwise(1.0));
        LaminaClassificationModel m = new LaminaClassifier().setLayers("dense(16, relu) dense(1, sigmoid)")
                .setEpochs(10).setNumWorkers(2).setSeed(5).setLearningRate(0.01).fit(data);
        assertEquals(2, m.numClasses());
        Row r = m.transform(data).select("probability", "rawPrediction", "prediction").head();
        Vector prob = r.getAs(0);
        assertEquals(1.0, prob.apply(0) + prob.apply(1), 1e-6);
        assertEquals(prob.apply(1) > 0.5 ? 1.0 : 0.0, r.getDouble(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LaminaClassifier()
                .setLayers("dense(4, relu) dense(1, sigmoid)").setEpochs(1).setNumWorkers(1).fit(classes(60)));
        assertTrue(e.getMessage().contains("dense(3, softmax)"), e.getMessage());
    }

    @Test
    void wrongColumnsAreRefusedBeforeAnyJobRuns() {
        SparkSession spark = SparkTests.spark();
        Dataset<Row> text = spark.createDataFrame(List.of(RowFactory.create("1,2", 1.0)), new StructType()
                .add("features", DataTypes.StringType).add("label", DataTypes.DoubleType));
        Dataset<Row> good = SparkTests.frame(SparkTests.regression(20, 2, 1), 1)
                .withColumn("weight", functions.lit("heavy"));
        spark.sparkContext().setJobGroup("refused", "refused", false);
        try {
            assertThrows(IllegalArgumentException.class, () -> new LaminaRegressor().setLayers("dense(1)").fit(text));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LaminaRegressor()
                    .setLayers("dense(1)").setWeightCol("weight").fit(good));
            assertTrue(e.getMessage().contains("weight column 'weight'"), e.getMessage());
            assertEquals(0, spark.sparkContext().statusTracker().getJobIdsForGroup("refused").length);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new LaminaRegressor()
                .setLayers("dense(1)").fit(SparkTests.frame(SparkTests.regression(5, 2, 1), 1).limit(0)));
        assertTrue(empty.getMessage().contains("no rows"), empty.getMessage());
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
                () -> new LaminaRegressor().fit(SparkTests.frame(SparkTests.regression(20, 2, 1), 1)));
        assertTrue(neither.getMessage().contains("layers param"), neither.getMessage());
    }

    @Test
    void monteCarloPredictionsAverageDropoutDrawsReproducibly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Dataset<Row> data = SparkTests.frame(SparkTests.regression(200, 4, 8), 2);
        LaminaRegressionModel m = new LaminaRegressor().setLayers("dense(32, relu) dropout(0.5) dense(1)").setEpochs(3)
                .setNumWorkers(2).setSeed(6).fit(data);
        List<Row> plain = m.transform(data).select("prediction").collectAsList();
        m.setMonteCarloSamples(16);
        List<Row> sampled = m.transform(data).select("prediction").collectAsList();
        List<Row> again = m.transform(data.repartition(3)).orderBy("label").select("prediction").collectAsList();
        assertTrue(!plain.equals(sampled), "dropout's draws move the predictions");
        assertEquals(m.transform(data).orderBy("label").select("prediction").collectAsList(), again,
                "each row's draws depend on the row alone");
        String path = dir.resolve("mc").toString();
        m.save(path);
        assertEquals(16, (Integer) LaminaRegressionModel.load(path).getOrDefault(m.monteCarloSamples()));
    }

    @Test
    void theEstimatorsAndModelsAreServicesAsSparksOwnAre() {
        // Spark Connect's ML finds estimators and transformers through these service files.
        List<String> estimators = new ArrayList<>();
        java.util.ServiceLoader.load(org.apache.spark.ml.Estimator.class).stream()
                .forEach(p -> estimators.add(p.type().getName()));
        List<String> transformers = new ArrayList<>();
        java.util.ServiceLoader.load(org.apache.spark.ml.Transformer.class).stream()
                .forEach(p -> transformers.add(p.type().getName()));
        assertTrue(estimators.containsAll(List.of(LaminaRegressor.class.getName(), LaminaClassifier.class.getName())),
                estimators.toString());
        assertTrue(transformers.containsAll(List.of(LaminaRegressionModel.class.getName(),
                LaminaClassificationModel.class.getName())), transformers.toString());
        assertTrue(estimators.contains("org.apache.spark.ml.regression.LinearRegression"),
                "Spark's own are listed the same way: " + estimators);
        LaminaRegressionModel empty = new LaminaRegressionModel();
        assertThrows(IllegalStateException.class, empty::numFeatures, "a service-made model holds no network");
    }

    @Test
    void aDivergingFitFailsNamingTheEpoch() {
        Dataset<Row> data = SparkTests.frame(SparkTests.regression(100, 4, 9), 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LaminaRegressor()
                .setLayers("dense(32, relu) dense(1)").setEpochs(20).setNumWorkers(2).setOptimizer("sgd")
                .setLearningRate(5).fit(data));
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("learningRate"), e.getMessage());
    }

    @Test
    void earlyStoppingStopsAndKeepsTheBestEpochsWeights() {
        Dataset<Row> data = SparkTests.frame(SparkTests.regression(400, 4, 9), 2);
        // A learning rate too large to settle: val_loss stops improving within a few epochs.
        LaminaRegressor r = new LaminaRegressor().setLayers("dense(64, relu) dense(1)").setEpochs(40)
                .setNumWorkers(2).setSeed(2).setLearningRate(0.03).setValidationFraction(0.25)
                .setEarlyStoppingPatience(2);
        LaminaRegressionModel m = r.fit(data);
        List<Double> val = m.history().get("val_loss");
        assertTrue(val.size() < 40, "stopped early: " + val);
        double best = val.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(val.size() - 3, val.indexOf(best), "two epochs without improvement after the best: " + val);
        // The model holds the best epoch's weights: the same fit stopped at that epoch gives them.
        LaminaRegressionModel atBest = r.copy(new org.apache.spark.ml.param.ParamMap()).setEpochs(val.indexOf(best) + 1)
                .setEarlyStoppingPatience(0).fit(data);
        List<float[]> a = m.laminaModel().getWeights();
        List<float[]> b = atBest.laminaModel().getWeights();
        for (int i = 0; i < a.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(b.get(i), a.get(i));
        }
    }
}
