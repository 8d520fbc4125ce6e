package dev.lamina.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params of Lamina's Spark estimators beside Spark's own ({@code featuresCol},
 * {@code labelCol}, {@code predictionCol}...), with getters and fluent setters. The network is
 * {@code layers} in the command line's grammar ({@code "dense(64, relu) dropout(0.3) dense(1)"})
 * or {@code modelConfig} (a Keras Sequential config JSON or a {@code .lamina} config.json).
 *
 * @param <T> the estimator's own type, which the setters return
 */
public interface LaminaParams<T extends LaminaParams<T>> extends Params {
    /** The param objects of one estimator (Spark finds params through the methods below). */
    ParamSet laminaParamSet();

    /** The network in the command line's layer grammar; empty to use {@code modelConfig}. */
    default Param<String> layers() {
        return laminaParamSet().layers;
    }

    /** The network as a model config JSON; empty to use {@code layers}. */
    default Param<String> modelConfig() {
        return laminaParamSet().modelConfig;
    }

    /** The loss; empty for mse (regression) or binary / sparse categorical cross-entropy (classification). */
    default Param<String> loss() {
        return laminaParamSet().loss;
    }

    /** The optimizer's name (Keras' names: adam, sgd, rmsprop...). */
    default Param<String> optimizer() {
        return laminaParamSet().optimizer;
    }

    /** The learning rate; 0 for the optimizer's Keras default. */
    default DoubleParam learningRate() {
        return laminaParamSet().learningRate;
    }

    /** Passes over the training rows. */
    default IntParam epochs() {
        return laminaParamSet().epochs;
    }

    /** Rows per global batch (per optimizer step, all workers together). */
    default IntParam batchSize() {
        return laminaParamSet().batchSize;
    }

    /** Workers (partitions that train); 0 for the cluster's default parallelism. Fix it for reproducibility. */
    default IntParam numWorkers() {
        return laminaParamSet().numWorkers;
    }

    /** The seed of the weights, the row order, the shuffles and the noise. */
    default LongParam seed() {
        return laminaParamSet().seed;
    }

    /** {@code sync} (one optimizer step per job) or {@code local_sgd} (averaging every syncInterval steps). */
    default Param<String> strategy() {
        return laminaParamSet().strategy;
    }

    /** Local steps between averages with {@code local_sgd}. */
    default IntParam syncInterval() {
        return laminaParamSet().syncInterval;
    }

    /** The share of rows held out (chosen by content and seed) to report val_loss; 0 for none. */
    default DoubleParam validationFraction() {
        return laminaParamSet().validationFraction;
    }

    /** Epochs without improvement (val_loss, else loss) before stopping, keeping the best weights; 0: off. */
    default IntParam earlyStoppingPatience() {
        return laminaParamSet().earlyStoppingPatience;
    }

    /** A column of row weights (Keras' sample_weight); empty for equal weights. */
    default Param<String> weightCol() {
        return laminaParamSet().weightCol;
    }

    /** A Hadoop path (local, HDFS, S3...) where the fit keeps a checkpoint to resume from; empty for none. */
    default Param<String> checkpointDir() {
        return laminaParamSet().checkpointDir;
    }

    /** Rounds (jobs: steps with sync, averages with local_sgd) between checkpoints; epochs end with one too. */
    default IntParam checkpointInterval() {
        return laminaParamSet().checkpointInterval;
    }

    /** Sets {@link #checkpointDir()}. */
    @SuppressWarnings("unchecked")
    default T setCheckpointDir(String value) {
        set(checkpointDir(), value);
        return (T) this;
    }

    /** Sets {@link #checkpointInterval()}. */
    @SuppressWarnings("unchecked")
    default T setCheckpointInterval(int value) {
        set(checkpointInterval(), value);
        return (T) this;
    }

    /** Sets {@link #layers()}. */
    @SuppressWarnings("unchecked")
    default T setLayers(String value) {
        set(layers(), value);
        return (T) this;
    }

    /** Sets {@link #modelConfig()}. */
    @SuppressWarnings("unchecked")
    default T setModelConfig(String value) {
        set(modelConfig(), value);
        return (T) this;
    }

    /** Sets {@link #loss()}. */
    @SuppressWarnings("unchecked")
    default T setLoss(String value) {
        set(loss(), value);
        return (T) this;
    }

    /** Sets {@link #optimizer()}. */
    @SuppressWarnings("unchecked")
    default T setOptimizer(String value) {
        set(optimizer(), value);
        return (T) this;
    }

    /** Sets {@link #learningRate()}. */
    @SuppressWarnings("unchecked")
    default T setLearningRate(double value) {
        set(learningRate(), value);
        return (T) this;
    }

    /** Sets {@link #epochs()}. */
    @SuppressWarnings("unchecked")
    default T setEpochs(int value) {
        set(epochs(), value);
        return (T) this;
    }

    /** Sets {@link #batchSize()}. */
    @SuppressWarnings("unchecked")
    default T setBatchSize(int value) {
        set(batchSize(), value);
        return (T) this;
    }

    /** Sets {@link #numWorkers()}. */
    @SuppressWarnings("unchecked")
    default T setNumWorkers(int value) {
        set(numWorkers(), value);
        return (T) this;
    }

    /** Sets {@link #seed()}. */
    @SuppressWarnings("unchecked")
    default T setSeed(long value) {
        set(seed(), value);
        return (T) this;
    }

    /** Sets {@link #strategy()}. */
    @SuppressWarnings("unchecked")
    default T setStrategy(String value) {
        set(strategy(), value);
        return (T) this;
    }

    /** Sets {@link #syncInterval()}. */
    @SuppressWarnings("unchecked")
    default T setSyncInterval(int value) {
        set(syncInterval(), value);
        return (T) this;
    }

    /** Sets {@link #validationFraction()}. */
    @SuppressWarnings("unchecked")
    default T setValidationFraction(double value) {
        set(validationFraction(), value);
        return (T) this;
    }

    /** Sets {@link #earlyStoppingPatience()}. */
    @SuppressWarnings("unchecked")
    default T setEarlyStoppingPatience(int value) {
        set(earlyStoppingPatience(), value);
        return (T) this;
    }

    /** Sets {@link #weightCol()}. */
    @SuppressWarnings("unchecked")
    default T setWeightCol(String value) {
        set(weightCol(), value);
        return (T) this;
    }

    /** The param objects of one estimator, owned by its uid, with their defaults set by {@link #defaults}. */
    final class ParamSet {
        final Param<String> layers;
        final Param<String> modelConfig;
        final Param<String> loss;
        final Param<String> optimizer;
        final DoubleParam learningRate;
        final IntParam epochs;
        final IntParam batchSize;
        final IntParam numWorkers;
        final LongParam seed;
        final Param<String> strategy;
        final IntParam syncInterval;
        final DoubleParam validationFraction;
        final IntParam earlyStoppingPatience;
        final Param<String> weightCol;
        final Param<String> checkpointDir;
        final IntParam checkpointInterval;

        /** The params of the estimator of {@code uid}. */
        public ParamSet(String uid) {
            layers = new Param<>(uid, "layers", "the network in the command line's layer grammar");
            modelConfig = new Param<>(uid, "modelConfig", "the network as a model config JSON");
            loss = new Param<>(uid, "loss", "the loss; empty for the task's usual one");
            optimizer = new Param<>(uid, "optimizer", "the optimizer's name");
            learningRate = new DoubleParam(uid, "learningRate", "the learning rate; 0 for the optimizer's default",
                    ParamValidators.gtEq(0));
            epochs = new IntParam(uid, "epochs", "passes over the training rows", ParamValidators.gtEq(1));
            batchSize = new IntParam(uid, "batchSize", "rows per global batch", ParamValidators.gtEq(1));
            numWorkers = new IntParam(uid, "numWorkers", "workers; 0 for the default parallelism",
                    ParamValidators.gtEq(0));
            seed = new LongParam(uid, "seed", "the seed of weights, row order, shuffles and noise");
            strategy = new Param<>(uid, "strategy", "sync or local_sgd",
                    ParamValidators.inArray(new String[] {"sync", "local_sgd"}));
            syncInterval = new IntParam(uid, "syncInterval", "local steps between averages (local_sgd)",
                    ParamValidators.gtEq(1));
            validationFraction = new DoubleParam(uid, "validationFraction", "share of rows held out for val_loss",
                    ParamValidators.inRange(0, 1, true, false));
            earlyStoppingPatience = new IntParam(uid, "earlyStoppingPatience", "epochs without improvement before"
                    + " stopping; 0 for never", ParamValidators.gtEq(0));
            weightCol = new Param<>(uid, "weightCol", "row weights column; empty for none");
            checkpointDir = new Param<>(uid, "checkpointDir", "where to keep a checkpoint; empty for none");
            checkpointInterval = new IntParam(uid, "checkpointInterval", "rounds between checkpoints",
                    ParamValidators.gtEq(1));
        }
    }

    /** Sets the defaults of {@code p}'s params on {@code owner}. */
    static void defaults(Params owner, ParamSet p) {
        owner.setDefault(p.layers, "");
        owner.setDefault(p.modelConfig, "");
        owner.setDefault(p.loss, "");
        owner.setDefault(p.optimizer, "adam");
        owner.setDefault(p.learningRate, 0.0);
        owner.setDefault(p.epochs, 10);
        owner.setDefault(p.batchSize, 32);
        owner.setDefault(p.numWorkers, 0);
        owner.setDefault(p.seed, 0L);
        owner.setDefault(p.strategy, "sync");
        owner.setDefault(p.syncInterval, 8);
        owner.setDefault(p.validationFraction, 0.0);
        owner.setDefault(p.earlyStoppingPatience, 0);
        owner.setDefault(p.weightCol, "");
        owner.setDefault(p.checkpointDir, "");
        owner.setDefault(p.checkpointInterval, 10);
    }
}
