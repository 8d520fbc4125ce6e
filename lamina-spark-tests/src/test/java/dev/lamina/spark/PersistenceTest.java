package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.models.Sequential;
import dev.lamina.spark.SparkTests.Example;
import dev.lamina.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark ML persistence: params, Pipelines, and the .lamina file inside. */
class PersistenceTest {
    /** The rows as raw numeric columns a, b, c and a label y. */
    private static Dataset<Row> columns(List<Example> rows) {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        List<Row> list = new ArrayList<>();
        for (Example e : rows) {
            list.add(RowFactory.create((double) e.x()[0], (double) e.x()[1], (double) e.x()[2], (double) e.y()));
        }
        return SparkTests.spark().createDataFrame(list, schema);
    }

    private static double[] predictions(Dataset<Row> out) {
        return out.select("prediction").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
    }

    @Test
    void aSavedPipelineLoadsInANewSessionAndPredictsTheSameBits(@TempDir Path dir) throws Exception {
        List<Example> rows = SparkTests.regression(240, 3, 11);
        Dataset<Row> data = columns(rows);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features"),
            new LaminaRegressor().setLayers("dense(16, relu) batchnorm dropout(0.2) dense(1)").setLabelCol("y")
                    .setEpochs(3).setNumWorkers(2).setSeed(3)});
        PipelineModel model = pipeline.fit(data);
        double[] before = predictions(model.transform(data));
        String path = dir.resolve("pipeline").toString();
        model.write().overwrite().save(path);

        SparkSession fresh = SparkTests.spark().newSession();
        PipelineModel loaded = PipelineModel.read().session(fresh).load(path);
        double[] after = predictions(loaded.transform(fresh.createDataFrame(data.collectAsList(), data.schema())));
        assertArrayEquals(before, after);

        // The stage's folder holds the unchanged .lamina file, which Lamina reads outside Spark.
        Path file;
        try (Stream<Path> files = Files.walk(dir)) {
            file = files.filter(p -> p.getFileName().toString().equals("model.lamina")).findFirst().orElseThrow();
        }
        Sequential outside = Sequential.load(file);
        Example first = rows.get(0);
        float[] x = {first.x()[0], first.x()[1], first.x()[2]};
        Row firstOut = model.transform(columns(List.of(first))).select("prediction").head();
        assertEquals((float) firstOut.getDouble(0), outside.predict(Tensor.wrap(x, 1, 3)).data()[0]);
        assertEquals(3, ((LaminaRegressionModel) loaded.stages()[1]).numFeatures());
        assertEquals(((LaminaRegressionModel) model.stages()[1]).history(),
                ((LaminaRegressionModel) loaded.stages()[1]).history(), "the learning curve travels with the model");
        assertEquals(3, ((LaminaRegressionModel) loaded.stages()[1]).history().get("loss").size());
    }

    @Test
    void estimatorsSaveTheirParams(@TempDir Path dir) throws Exception {
        LaminaClassifier c = new LaminaClassifier().setLayers("dense(8, relu) dense(3, softmax)").setEpochs(4)
                .setLearningRate(0.003).setStrategy("local_sgd").setSyncInterval(5).setSeed(9).setWeightCol("w");
        String path = dir.resolve("c").toString();
        c.save(path);
        LaminaClassifier back = LaminaClassifier.load(path);
        assertEquals(c.uid(), back.uid());
        assertEquals("dense(8, relu) dense(3, softmax)", back.getOrDefault(back.layers()));
        assertEquals(0.003, (Double) back.getOrDefault(back.learningRate()));
        assertEquals("local_sgd", back.getOrDefault(back.strategy()));
        assertEquals(5, (Integer) back.getOrDefault(back.syncInterval()));
        assertEquals(9L, (Long) back.getOrDefault(back.seed()));
        assertEquals("w", back.getOrDefault(back.weightCol()));
        assertThrows(IllegalArgumentException.class, () -> LaminaRegressor.load(path), "another class's folder");
    }

    @Test
    void aDamagedModelFileEndsInAnErrorNamingIt(@TempDir Path dir) throws Exception {
        List<Example> rows = SparkTests.regression(64, 4, 12);
        LaminaRegressionModel m = new LaminaRegressor().setLayers("dense(4, relu) dense(1)").setEpochs(1)
                .setNumWorkers(1).fit(SparkTests.frame(rows, 1));
        String path = dir.resolve("m").toString();
        m.save(path);
        // Hadoop's local file system keeps a checksum beside each file; one who alters a file can drop it.
        Files.deleteIfExists(dir.resolve("m").resolve(".history.json.crc"));
        Files.writeString(dir.resolve("m").resolve("history.json"), "{\"loss\": [0.5, \"x\"]}");
        Exception h = assertThrows(IllegalArgumentException.class, () -> LaminaRegressionModel.load(path));
        assertTrue(h.getMessage().contains("history.json"), h.getMessage());
        Files.delete(dir.resolve("m").resolve("history.json"));
        assertTrue(LaminaRegressionModel.load(path).history().isEmpty(), "a model saved without history loads");
        Path file = dir.resolve("m").resolve("model.lamina");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        Exception e = assertThrows(Exception.class, () -> LaminaRegressionModel.load(path));
        assertTrue(e.getMessage().contains("model.lamina"), e.getMessage());
    }
}
