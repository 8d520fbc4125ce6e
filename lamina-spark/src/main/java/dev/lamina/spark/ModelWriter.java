package dev.lamina.spark;

import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a trained Spark model as Spark saves its own: the params' metadata ({@code metadata/}),
 * beside the unchanged {@code .lamina} file ({@code model.lamina}), which {@code Sequential.load}
 * reads outside Spark, and the fit's history ({@code history.json}).
 */
final class ModelWriter extends MLWriter {
    /** The name of the model file inside a saved model's folder. */
    static final String FILE = "model.lamina";
    /** The name of the fit's history (loss and val_loss per epoch) beside it. */
    static final String HISTORY = "history.json";
    private final Params instance;
    private final byte[] archive;
    private final java.util.Map<String, java.util.List<Double>> history;

    ModelWriter(Params instance, byte[] archive, java.util.Map<String, java.util.List<Double>> history) {
        this.instance = instance;
        this.archive = archive;
        this.history = history;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
        HadoopFiles.write(new Path(path, FILE), archive, sparkSession().sparkContext().hadoopConfiguration());
        if (!history.isEmpty()) {
            HadoopFiles.write(new Path(path, HISTORY), dev.lamina.io.Json.write(history),
                    sparkSession().sparkContext().hadoopConfiguration());
        }
    }
}
