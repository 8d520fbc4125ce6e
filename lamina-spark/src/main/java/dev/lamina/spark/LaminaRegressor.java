package dev.lamina.spark;

import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a Lamina network for regression on a Spark DataFrame of a features vector and a numeric
 * label, data-parallel over {@code numWorkers} workers, reproducibly (see {@link RowOrder} and the
 * {@code strategy} param); a Spark ML {@code Predictor}, so it fits in a {@code Pipeline}.
 *
 * <pre>{@code
 * LaminaRegressor wine = new LaminaRegressor()
 *         .setLayers("dense(64, relu) dropout(0.3) batchnorm dense(1)")
 *         .setEpochs(20).setNumWorkers(2).setSeed(1);
 * LaminaRegressionModel model = wine.fit(train);   // then model.transform(test)
 * }</pre>
 *
 * <p>The default loss is mean squared error. The trained model is a {@code .lamina} model inside:
 * {@link LaminaRegressionModel#laminaModel()} hands it over, and its saved form holds the
 * unchanged {@code .lamina} file.
 */
public final class LaminaRegressor extends Predictor<Vector, LaminaRegressor, LaminaRegressionModel>
        implements LaminaParams<LaminaRegressor>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final ParamSet params;

    /** An estimator with a fresh uid. */
    public LaminaRegressor() {
        this(Identifiable.randomUID("laminaRegressor"));
    }

    /** An estimator of this uid (what Spark's copy and load use). */
    public LaminaRegressor(String uid) {
        this(Uids.pending(uid));
    }

    private LaminaRegressor(Void pending) {
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
    public LaminaRegressionModel train(Dataset<?> dataset) {
        return new LaminaRegressionModel(uid, Training.fit(this, dataset, getFeaturesCol(), getLabelCol(),
                outputs -> "mse"));
    }

    @Override
    public LaminaRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The reader of saved estimators. */
    public static MLReader<LaminaRegressor> read() {
        return new ParamsReader<>(LaminaRegressor::new);
    }

    /** The estimator saved at {@code path}. */
    public static LaminaRegressor load(String path) {
        return read().load(path);
    }
}
