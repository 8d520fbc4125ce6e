package dev.lamina.spark;

import java.util.function.Function;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;

/** Loads an estimator saved with its params alone (Spark's DefaultParamsWritable layout). */
final class ParamsReader<E extends Params> extends MLReader<E> {
    private final Function<String, E> make;

    ParamsReader(Function<String, E> make) {
        this.make = make;
    }

    @Override
    public E load(String path) {
        var metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession());
        E estimator = make.apply(metadata.uid());
        if (!metadata.className().equals(estimator.getClass().getName())) {
            throw new IllegalArgumentException(path + " holds a " + metadata.className() + ", not a "
                    + estimator.getClass().getName() + ".");
        }
        metadata.getAndSetParams(estimator, scala.Option.empty());
        return estimator;
    }
}
