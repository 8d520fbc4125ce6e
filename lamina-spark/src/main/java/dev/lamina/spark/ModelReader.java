package dev.lamina.spark;

import dev.lamina.io.ModelArchive;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;

/** Loads what {@link ModelWriter} saved: the params, then the {@code .lamina} file, read as hostile input. */
final class ModelReader<M extends Params> extends MLReader<M> {
    private final Class<M> type;
    private final BiFunction<String, byte[], M> make;

    ModelReader(Class<M> type, BiFunction<String, byte[], M> make) {
        this.type = type;
        this.make = make;
    }

    @Override
    public M load(String path) {
        var metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), type.getName());
        byte[] archive = HadoopFiles.read(new Path(path, ModelWriter.FILE), ModelArchive.MAX_BYTES,
                sparkSession().sparkContext().hadoopConfiguration());
        M model = make.apply(metadata.uid(), archive);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
    }
}
