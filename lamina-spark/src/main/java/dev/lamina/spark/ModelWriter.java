package dev.lamina.spark;

import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a trained Spark model as Spark saves its own: the params' metadata ({@code metadata/}),
 * beside the unchanged {@code .lamina} file ({@code model.lamina}), which {@code Sequential.load}
 * reads outside Spark.
 */
final class ModelWriter extends MLWriter {
    /** The name of the model file inside a saved model's folder. */
    static final String FILE = "model.lamina";
    private final Params instance;
    private final byte[] archive;

    ModelWriter(Params instance, byte[] archive) {
        this.instance = instance;
        this.archive = archive;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
        HadoopFiles.write(new Path(path, FILE), archive, sparkSession().sparkContext().hadoopConfiguration());
    }
}
