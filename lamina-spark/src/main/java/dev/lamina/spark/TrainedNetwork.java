package dev.lamina.spark;

import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.PredictOptions;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;

/**
 * A trained model inside a Spark model: its {@code .lamina} archive bytes (what travels to the
 * executors and what is saved) and the model they hold, loaded once per JVM copy.
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

    byte[] archive() {
        return archive.clone();
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
