package dev.lamina.models;

import dev.lamina.util.Check;

/**
 * How {@link Sequential#predict(dev.lamina.tensor.Tensor, PredictOptions)} runs: in batches of
 * {@code batchSize}, either once in inference mode ({@code samples == 0}) or as Monte-Carlo
 * dropout with {@code samples} stochastic passes.
 *
 * <p>Monte-Carlo dropout (Gal &amp; Ghahramani, "Dropout as a Bayesian Approximation", ICML 2016)
 * keeps dropout (and its relatives) active at prediction time and reads the spread of the
 * predictions as the model's uncertainty. BatchNormalization stays in inference mode while
 * sampling, and nothing the model keeps (moving statistics, the training noise sequence) changes.
 *
 * <pre>{@code Prediction p = model.predict(x, PredictOptions.monteCarlo(100, 42));}</pre>
 *
 * @param batchSize rows per forward pass, &gt; 0 (default 32)
 * @param samples Monte-Carlo passes, 0 for a plain deterministic prediction
 * @param seed the sampling seed (same seed, same samples)
 */
public record PredictOptions(int batchSize, int samples, long seed) {
    /** Validates the arguments. */
    public PredictOptions {
        Check.arg(batchSize > 0, "predict", "batch_size", batchSize, "a positive integer");
        Check.arg(samples >= 0, "predict", "samples", samples, "an integer >= 0 (0 for a deterministic prediction)");
    }

    /** A deterministic prediction in batches of 32. */
    public static PredictOptions defaults() {
        return new PredictOptions(32, 0, 0);
    }

    /** Monte-Carlo dropout with {@code samples} passes (at least 2) under {@code seed}. */
    public static PredictOptions monteCarlo(int samples, long seed) {
        Check.arg(samples >= 2, "PredictOptions.monteCarlo", "samples", samples, "an integer >= 2");
        return new PredictOptions(32, samples, seed);
    }

    /** The same with another batch size. */
    public PredictOptions batchSize(int batchSize) {
        return new PredictOptions(batchSize, samples, seed);
    }
}
