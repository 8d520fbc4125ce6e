/**
 * Lamina in Spark ML: {@link dev.lamina.spark.LaminaRegressor} and
 * {@link dev.lamina.spark.LaminaClassifier} train a Lamina network data-parallel on a DataFrame of
 * a features vector and a label, reproducibly (rows go to workers by {@link dev.lamina.spark.RowOrder},
 * results combine in worker order, tasks are pure functions of their inputs), synchronously (one
 * optimizer step per job) or by local SGD (averaging every {@code syncInterval} steps), with
 * checkpoints to resume from. Their models ({@link dev.lamina.spark.LaminaRegressionModel},
 * {@link dev.lamina.spark.LaminaClassificationModel}) predict in inference mode or by Monte-Carlo
 * dropout, and save as Spark's metadata beside the unchanged {@code .lamina} file.
 */
package dev.lamina.spark;
