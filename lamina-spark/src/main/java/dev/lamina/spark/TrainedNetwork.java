package dev.lamina.spark;

import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.PredictOptions;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWriter;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;

/**
 * A trained model inside a Spark model: its {@code .lamina} archive bytes (what travels to the
 * executors and what is saved), the fit's history, and the model they hold, loaded once per JVM
 * copy. Immutable, so copies of a Spark model share it.
 */
final class TrainedNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] archive;
    private final Map<String, List<Double>> history;
    private transient Sequential model;

    TrainedNetwork(byte[] archive, Map<String, List<Double>> history) {
        this.archive = archive;
        this.history = history == null ? Map.of() : Map.copyOf(history);
        model(); // a damaged archive fails here, not in a task
    }

    /**
     * The network held by a Spark model, which holds none when made empty (Spark's service loading).
     *
     * @throws IllegalStateException naming how to get one
     */
    static TrainedNetwork required(TrainedNetwork network, String model, String estimator) {
        if (network == null) {
            throw new IllegalStateException("This " + model + " holds no network; get one from " + estimator
                    + ".fit or " + model + ".load.");
        }
        return network;
    }

    /** The models' Monte-Carlo param for the model of {@code uid} (default 0: inference mode). */
    static IntParam monteCarloSamples(String uid) {
        return new IntParam(uid, "monteCarloSamples", "Monte-Carlo dropout draws a prediction averages; 0 for"
                + " inference mode", ParamValidators.gtEq(0));
    }

    /** The archive's bytes (the saved {@code model.lamina}); not to be changed. */
    byte[] archive() {
        return archive;
    }

    /** An independent copy of the trained model. */
    Sequential copyOfModel() {
        return Replicas.load(archive);
    }

    /** The writer that saves this network for the Spark model {@code instance}. */
    MLWriter writer(Params instance) {
        return new ModelWriter(instance, archive, history);
    }

    Map<String, List<Double>> history() {
        return history;
    }

    synchronized Sequential model() {
        if (model == null) {
            try {
                model = ModelFiles.load(ModelArchive.read(archive, "model.lamina"), "model.lamina");
            } catch (ModelFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return model;
    }

    /**
     * The network's outputs for one row of features: inference mode, or with {@code samples} above 0
     * the mean of that many Monte-Carlo dropout draws, seeded by the row's content (the same row
     * gets the same draws on any executor).
     */
    float[] predict(Vector features, int samples) {
        Sequential m = model();
        int n = m.inputShape().size();
        if (features.size() != n) {
            throw new IllegalArgumentException("A row's features hold " + features.size() + " values where the model"
                    + " takes " + n + "; assemble the features as for training.");
        }
        float[] x = new float[n];
        for (int j = 0; j < n; j++) {
            x[j] = (float) features.apply(j);
        }
        Tensor row = Tensor.wrap(x, 1, n);
        if (samples > 0) {
            long seed = RowOrder.key(0, x, 0f, 1f);
            return m.predict(row, PredictOptions.monteCarlo(samples, seed)).mean().data().clone();
        }
        return m.predict(row).data().clone();
    }

    int features() {
        return model().inputShape().size();
    }

    int outputs() {
        return model().outputShape().size();
    }
}
