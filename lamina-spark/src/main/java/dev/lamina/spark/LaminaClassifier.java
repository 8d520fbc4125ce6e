package dev.lamina.spark;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a Lamina network to classify rows of a Spark DataFrame (labels 0 to k-1), data-parallel
 * and reproducibly as {@link LaminaRegressor} does; a Spark ML {@code ProbabilisticClassifier}.
 * The network ends in one sigmoid unit (two classes, binary cross-entropy by default) or in k
 * softmax units (sparse categorical cross-entropy by default):
 *
 * <pre>{@code
 * new LaminaClassifier().setLayers("dense(32, relu) dropout(0.3) dense(1, sigmoid)").setEpochs(30)
 * }</pre>
 */
public final class LaminaClassifier extends ProbabilisticClassifier<Vector, LaminaClassifier,
        LaminaClassificationModel> implements LaminaParams<LaminaClassifier>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    /** The most classes a label column may have. */
    static final int MAX_CLASSES = 10_000;
    private final String uid;
    private final ParamSet params;

    /** An estimator with a fresh uid. */
    public LaminaClassifier() {
        this(Identifiable.randomUID("laminaClassifier"));
    }

    /** An estimator of this uid (what Spark's copy and load use). */
    public LaminaClassifier(String uid) {
        this(Uids.pending(uid));
    }

    private LaminaClassifier(Void pending) {
        this.uid = Uids.take();
        this.params = new ParamSet(uid);
        LaminaParams.defaults(this, params);
    }

    @Override
    public String uid() {
        return uid != null ? uid : Uids.current();
    }

    @Override
    public ParamSet laminaParamSet() {
        return params;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Training.checkWeightColumn(schema, getOrDefault(weightCol()));
        return super.transformSchema(schema);
    }

    @Override
    public LaminaClassificationModel train(Dataset<?> dataset) {
        int classes = getNumClasses(dataset, MAX_CLASSES);
        // The head is checked against the labels once the network is built, before it trains.
        return new LaminaClassificationModel(uid, Training.fit(this, dataset, getFeaturesCol(), getLabelCol(),
                outputs -> lossFor(outputs, classes)));
    }

    /** The default loss of a network ending in {@code outputs} units for {@code classes} classes. */
    private static String lossFor(int outputs, int classes) {
        if (outputs == 1 ? classes > 2 : outputs < classes) {
            throw new IllegalArgumentException("The labels hold " + classes + " classes but the network ends in "
                    + outputs + " unit" + (outputs == 1 ? "" : "s") + "; end it in dense(1, sigmoid) for two classes"
                    + " or dense(" + classes + ", softmax).");
        }
        return outputs == 1 ? "binary_crossentropy" : "sparse_categorical_crossentropy";
    }

    @Override
    public LaminaClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The reader of saved estimators. */
    public static MLReader<LaminaClassifier> read() {
        return new ParamsReader<>(LaminaClassifier::new);
    }

    /** The estimator saved at {@code path}. */
    public static LaminaClassifier load(String path) {
        return read().load(path);
    }
}
