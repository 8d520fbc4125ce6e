package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The lesson's red-wine model trained on Spark: a runnable example (README, "Training on Spark").
 * Run it with {@code ./mvnw -pl lamina-spark-tests -am test -Dtest=RedWineOnSparkExample
 * -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dexample.epochs=100} for the lesson's).
 */
class RedWineOnSparkExample {
    private static final Path DATA = Path.of("../lamina-cli/src/main/resources/dev/lamina/cli/datasets");

    @Test
    void trainTheLessonsModelOnSpark() throws IOException {
        SparkSession spark = SparkTests.spark();
        Dataset<Row> wine = readWine(spark);
        Dataset<Row> train = wine.filter("lesson_train");
        Dataset<Row> valid = wine.filter("not lesson_train");

        String[] inputs = java.util.Arrays.copyOf(wine.columns(), 11);
        int epochs = Integer.getInteger("example.epochs", 20);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(inputs).setOutputCol("features"),
            new LaminaRegressor().setLabelCol("quality")
                    .setLayers("dense(1024, relu) dropout(0.3) batchnorm dense(1024, relu) dropout(0.3) batchnorm"
                            + " dense(1024, relu) dropout(0.3) batchnorm dense(1)")
                    .setLoss("mae").setBatchSize(256).setEpochs(epochs).setNumWorkers(2).setSeed(0)
                    .setStrategy("local_sgd").setSyncInterval(4)});
        PipelineModel model = pipeline.fit(train);

        LaminaRegressionModel net = (LaminaRegressionModel) model.stages()[1];
        List<Double> loss = net.history().get("loss");
        for (int e = 0; e < loss.size(); e += Math.max(1, loss.size() / 10)) {
            System.out.printf("epoch %3d  loss %.4f%n", e + 1, loss.get(e));
        }
        double mae = new RegressionEvaluator().setLabelCol("quality").setMetricName("mae")
                .evaluate(model.transform(valid));
        System.out.printf("validation MAE %.4f on %d rows%n", mae, valid.count());
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "the network learns: " + loss);
        if (epochs >= 100) {
            assertTrue(mae < 0.65, "validation MAE " + mae + " (predicting the mean gives about 0.68)");
        }
    }

    /** The bundled red-wine table, with the lesson's 70/30 split as a column. */
    private static Dataset<Row> readWine(SparkSession spark) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("red-wine.csv"));
        Set<Integer> lesson = new HashSet<>();
        for (String l : Files.readAllLines(DATA.resolve("red-wine.lesson-split.txt"))) {
            if (!l.isBlank()) {
                lesson.add(Integer.parseInt(l.trim()));
            }
        }
        String[] header = lines.get(0).split(",");
        StructType schema = new StructType();
        for (String h : header) {
            schema = schema.add(h, DataTypes.DoubleType);
        }
        schema = schema.add("lesson_train", DataTypes.BooleanType);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            Object[] values = new Object[cells.length + 1];
            for (int j = 0; j < cells.length; j++) {
                values[j] = Double.parseDouble(cells[j]);
            }
            values[cells.length] = lesson.contains(i - 1);
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }
}
