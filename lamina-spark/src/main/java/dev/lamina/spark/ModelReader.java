package dev.lamina.spark;

import dev.lamina.io.ModelArchive;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.io.Json;
import dev.lamina.io.ModelFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;

/**
 * Loads what {@link ModelWriter} saved: the params, the {@code .lamina} file (read as hostile input)
 * and the history, if any.
 */
final class ModelReader<M extends Params> extends MLReader<M> {
    private final Class<M> type;
    /** The largest history file read: far more epochs than any fit runs. */
    private static final long MAX_HISTORY_BYTES = 16L << 20;
    private final Maker<M> make;

    /** Makes a model of a uid, archive bytes and history. */
    interface Maker<M> {
        M make(String uid, byte[] archive, Map<String, List<Double>> history);
    }

    ModelReader(Class<M> type, Maker<M> make) {
        this.type = type;
        this.make = make;
    }

    @Override
    public M load(String path) {
        var metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), type.getName());
        byte[] archive = HadoopFiles.read(new Path(path, ModelWriter.FILE), ModelArchive.MAX_BYTES,
                sparkSession().sparkContext().hadoopConfiguration());
        M model = make.make(metadata.uid(), archive, history(new Path(path, ModelWriter.HISTORY)));
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
    }

    /** The saved history (loss names to per-epoch values), or none; a damaged one is an error naming the file. */
    private Map<String, List<Double>> history(Path file) {
        org.apache.hadoop.conf.Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
        try {
            if (!file.getFileSystem(conf).exists(file)) {
                return Map.of();
            }
            JsonNode node = Json.parse(HadoopFiles.read(file, MAX_HISTORY_BYTES, conf), file.toString());
            Map<String, List<Double>> out = new LinkedHashMap<>();
            var fields = node.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                if (!e.getValue().isArray()) {
                    throw new ModelFormatException(file + ": '" + e.getKey() + "' is not a list of numbers.");
                }
                List<Double> values = new ArrayList<>();
                for (JsonNode v : e.getValue()) {
                    if (!v.isNumber()) {
                        throw new ModelFormatException(file + ": '" + e.getKey() + "' holds " + v + ", not a number.");
                    }
                    values.add(v.asDouble());
                }
                out.put(e.getKey(), values);
            }
            return out;
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
