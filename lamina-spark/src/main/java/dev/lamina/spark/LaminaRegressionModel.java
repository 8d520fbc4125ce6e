package dev.lamina.spark;

import dev.lamina.models.Sequential;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A Lamina network trained by {@link LaminaRegressor}: predicts the network's single output for
 * each row's features (inference mode: no dropout, BatchNormalization's moving statistics).
 * Saved as Spark's metadata beside the unchanged {@code .lamina} file ({@code model.lamina}).
 */
public final class LaminaRegressionModel extends RegressionModel<Vector, LaminaRegressionModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final TrainedNetwork network;
    private final IntParam monteCarloSamples;

    /** An empty model of a fresh uid, for Spark's service loading; it holds no network. */
    public LaminaRegressionModel() {
        this(Identifiable.randomUID("laminaRegressionModel"), null);
    }

    /** The model of {@code uid} holding {@code network} (null for none). */
    LaminaRegressionModel(String uid, TrainedNetwork network) {
        this(Uids.pending(uid), network);
    }

    private LaminaRegressionModel(Void pending, TrainedNetwork network) {
        this.uid = Uids.take();
        this.monteCarloSamples = TrainedNetwork.monteCarloSamples(uid);
        setDefault(monteCarloSamples, 0);
        this.network = network;
    }

    @Override
    public String uid() {
        return uid != null ? uid : Uids.current();
    }

    @Override
    public double predict(Vector features) {
        return network().predict(features, samples())[0];
    }

    /**
     * Monte-Carlo dropout (Gal and Ghahramani 2016): predictions average this many draws with the
     * noise layers on (BatchNormalization stays in inference mode), each row's draws seeded by its
     * content; 0 (the default) predicts in inference mode.
     */
    public IntParam monteCarloSamples() {
        return monteCarloSamples;
    }

    /** Sets {@link #monteCarloSamples()}. */
    public LaminaRegressionModel setMonteCarloSamples(int samples) {
        set(monteCarloSamples, samples);
        return this;
    }

    private int samples() {
        return (Integer) getOrDefault(monteCarloSamples);
    }

    @Override
    public int numFeatures() {
        return network().features();
    }

    /** An independent copy of the trained Lamina model, to use or save outside Spark. */
    public Sequential laminaModel() {
        return network().copyOfModel();
    }

    /** Loss (and val_loss) per epoch of the fit that made this model (saved and loaded with it). */
    public Map<String, List<Double>> history() {
        return network().history();
    }

    private TrainedNetwork network() {
        return TrainedNetwork.required(network, "LaminaRegressionModel", "LaminaRegressor");
    }

    @Override
    public LaminaRegressionModel copy(ParamMap extra) {
        return copyValues(new LaminaRegressionModel(uid, network), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return network().writer(this);
    }

    /** The reader of saved models. */
    public static MLReader<LaminaRegressionModel> read() {
        return new ModelReader<>(LaminaRegressionModel.class, (uid, archive, history) ->
                new LaminaRegressionModel(uid, new TrainedNetwork(archive, history)));
    }

    /** The model saved at {@code path}. */
    public static LaminaRegressionModel load(String path) {
        return read().load(path);
    }
}
