package dev.lamina.spark;

import dev.lamina.models.Sequential;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A Lamina network trained by {@link LaminaClassifier}. Its {@code rawPrediction} and
 * {@code probability} are both the network's class probabilities (the sigmoid unit p gives
 * [1 - p, p]), since the network ends in its own sigmoid or softmax; {@code prediction} is the
 * most probable class. Saved as Spark's metadata beside the unchanged {@code .lamina} file.
 */
public final class LaminaClassificationModel extends ProbabilisticClassificationModel<Vector,
        LaminaClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final TrainedNetwork network;
    private final IntParam monteCarloSamples;

    /** An empty model of a fresh uid, for Spark's service loading; it holds no network. */
    public LaminaClassificationModel() {
        this(Identifiable.randomUID("laminaClassificationModel"), null);
    }

    /** The model of {@code uid} holding {@code network} (null for none). */
    LaminaClassificationModel(String uid, TrainedNetwork network) {
        this(Uids.pending(uid), network);
    }

    private LaminaClassificationModel(Void pending, TrainedNetwork network) {
        this.uid = Uids.take();
        this.monteCarloSamples = TrainedNetwork.monteCarloSamples(uid);
        setDefault(monteCarloSamples, 0);
        this.network = network;
    }

    @Override
    public String uid() {
        return uid != null ? uid : Uids.current();
    }

    /** The network's output units, or 2 for one sigmoid unit (and for a model holding no network). */
    @Override
    public int numClasses() {
        return network == null ? 2 : Math.max(2, network.outputs());
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
    public LaminaClassificationModel setMonteCarloSamples(int samples) {
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

    @Override
    public Vector predictRaw(Vector features) {
        float[] out = network().predict(features, samples());
        double[] p = new double[numClasses()];
        if (out.length == 1) {
            p[0] = 1.0 - out[0];
            p[1] = out[0];
        } else {
            for (int k = 0; k < out.length; k++) {
                p[k] = out[k];
            }
        }
        return Vectors.dense(p);
    }

    /** Spark's summary lookup, declared twice in its class tree with different generics; Spark's own answer. */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        return rawPrediction;
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
        return TrainedNetwork.required(network, "LaminaClassificationModel", "LaminaClassifier");
    }

    @Override
    public LaminaClassificationModel copy(ParamMap extra) {
        return copyValues(new LaminaClassificationModel(uid, network), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return network().writer(this);
    }

    /** The reader of saved models. */
    public static MLReader<LaminaClassificationModel> read() {
        return new ModelReader<>(LaminaClassificationModel.class, (uid, archive, history) ->
                new LaminaClassificationModel(uid, new TrainedNetwork(archive, history)));
    }

    /** The model saved at {@code path}. */
    public static LaminaClassificationModel load(String path) {
        return read().load(path);
    }
}
