package dev.lamina.spark;

/**
 * What one Spark fit needs, read off an estimator's params.
 *
 * @param layers the network in the command line's layer grammar, or empty
 * @param modelConfig the network as a model config JSON, or empty
 * @param loss the loss's name
 * @param optimizer the optimizer's name
 * @param learningRate the learning rate, or 0 for the optimizer's Keras default
 * @param epochs passes over the training rows
 * @param batchSize rows per global batch, split evenly among the workers
 * @param workers the number of workers (partitions that train)
 * @param seed the seed of the weights, the row order, the shuffles and the noise
 * @param strategy {@code sync} or {@code local_sgd}
 * @param syncInterval local steps between averages (local_sgd)
 * @param validationFraction the share of rows held out for val_loss
 * @param patience epochs without improvement before stopping (0: never stop early)
 * @param featuresCol the features column (a vector)
 * @param labelCol the label column
 * @param weightCol the row-weight column, or empty
 * @param checkpointDir where to keep checkpoints (a Hadoop path), or empty for none
 * @param checkpointInterval rounds (jobs) between checkpoints
 */
record FitSettings(String layers, String modelConfig, String loss, String optimizer, double learningRate, int epochs,
        int batchSize, int workers, long seed, String strategy, int syncInterval, double validationFraction,
        int patience, String featuresCol, String labelCol, String weightCol, String checkpointDir,
        int checkpointInterval) {
    /** The settings of one fit, read off an estimator's params. */
    static FitSettings of(LaminaParams<?> p, String featuresCol, String labelCol, int workers, String defaultLoss) {
        String l = p.getOrDefault(p.loss());
        return new FitSettings(p.getOrDefault(p.layers()), p.getOrDefault(p.modelConfig()),
                l.isEmpty() ? defaultLoss : l, p.getOrDefault(p.optimizer()), (Double) p.getOrDefault(p.learningRate()),
                (Integer) p.getOrDefault(p.epochs()), (Integer) p.getOrDefault(p.batchSize()), workers,
                (Long) p.getOrDefault(p.seed()), p.getOrDefault(p.strategy()), (Integer) p.getOrDefault(p.syncInterval()),
                (Double) p.getOrDefault(p.validationFraction()), (Integer) p.getOrDefault(p.earlyStoppingPatience()),
                featuresCol, labelCol, p.getOrDefault(p.weightCol()), p.getOrDefault(p.checkpointDir()),
                (Integer) p.getOrDefault(p.checkpointInterval()));
    }

    /** What must match for a checkpoint to go on: everything that shapes the training's bits. */
    java.util.Map<String, String> fingerprint() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("layers", layers);
        f.put("modelConfig", modelConfig);
        f.put("loss", loss);
        f.put("optimizer", optimizer);
        f.put("learningRate", Double.toString(learningRate));
        f.put("epochs", Integer.toString(epochs));
        f.put("batchSize", Integer.toString(batchSize));
        f.put("workers", Integer.toString(workers));
        f.put("seed", Long.toString(seed));
        f.put("strategy", strategy);
        f.put("syncInterval", Integer.toString(syncInterval));
        f.put("validationFraction", Double.toString(validationFraction));
        f.put("patience", Integer.toString(patience));
        f.put("weighted", Boolean.toString(!weightCol.isEmpty()));
        return f;
    }

    /** The batch each worker trains on at a step: the global batch shared out, at least one row. */
    int workerBatch() {
        return Math.max(1, batchSize / workers);
    }
}
