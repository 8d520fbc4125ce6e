package dev.lamina.spark;

import dev.lamina.io.ModelArchive;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/** What both estimators do to fit: read the params, size the network, run the data-parallel fit. */
final class Training {
    private Training() {}

    /**
     * Fits the network {@code params} describe on {@code dataset} and returns it trained;
     * {@code defaultLoss} gives the loss for the network's output width when the loss param is empty
     * (and may refuse that width, before any training job runs).
     */
    static TrainedNetwork fit(LaminaParams<?> params, Dataset<?> dataset, String featuresCol, String labelCol,
            IntFunction<String> defaultLoss) {
        Dataset<Row> data = dataset.toDF();
        String weightCol = params.getOrDefault(params.weightCol());
        if (!weightCol.isEmpty()) {
            data = data.withColumn(weightCol, functions.col(weightCol).cast("double"));
        }
        List<Row> first = data.select(featuresCol).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new IllegalArgumentException("The data set has no rows to train on.");
        }
        Vector v = first.get(0).getAs(0);
        if (v == null) {
            throw new IllegalArgumentException("The first row's '" + featuresCol + "' is null; every row needs its"
                    + " features (VectorAssembler with handleInvalid=\"skip\" drops rows with missing values).");
        }
        int features = v.size();
        int workers = (Integer) params.getOrDefault(params.numWorkers());
        if (workers == 0) {
            workers = data.sparkSession().sparkContext().defaultParallelism();
        }
        if (params.getOrDefault(params.layers()).isEmpty() == params.getOrDefault(params.modelConfig()).isEmpty()) {
            throw new IllegalArgumentException("Give the network as exactly one of the layers param (e.g. \"dense(64,"
                    + " relu) dropout(0.3) dense(1)\") and the modelConfig param.");
        }
        // The network comes first: the default loss depends on its output width.
        Sequential model = DataParallelFit.build(FitSettings.of(params, featuresCol, labelCol, workers, ""), features);
        FitSettings s = FitSettings.of(params, featuresCol, labelCol, workers,
                defaultLoss.apply(model.outputShape().size()));
        Map<String, List<Double>> history = DataParallelFit.fit(data, s, DataParallelFit.compile(model, s));
        return new TrainedNetwork(ModelArchive.write(ModelFiles.members(model)), history);
    }

    /** Refuses a weight column that is not numeric, before any job runs. */
    static void checkWeightColumn(StructType schema, String weightCol) {
        if (weightCol.isEmpty()) {
            return;
        }
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(weightCol)) {
            throw new IllegalArgumentException("The weight column '" + weightCol + "' is not in the data; its columns"
                    + " are " + java.util.Arrays.toString(schema.fieldNames()) + ".");
        }
        DataType t = schema.apply(weightCol).dataType();
        if (!(t instanceof NumericType)) {
            throw new IllegalArgumentException("The weight column '" + weightCol + "' holds " + t.simpleString()
                    + "; row weights must be numbers.");
        }
    }
}
