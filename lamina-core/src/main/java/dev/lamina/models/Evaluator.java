package dev.lamina.models;

import dev.lamina.callbacks.Logs;
import dev.lamina.data.Batch;
import dev.lamina.data.BatchPlan;
import dev.lamina.data.Batches;
import dev.lamina.data.DataSource;
import dev.lamina.layers.Mode;
import dev.lamina.losses.SparseCategoricalCrossentropy;
import dev.lamina.metrics.Metric;
import dev.lamina.metrics.Metrics;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Runs a model in inference mode over data in batches: predictions, or loss and metrics. */
final class Evaluator {
    private final Sequential model;
    private final int batchSize;
    private final Buffer xBatch = new Buffer();
    private final Buffer yBatch = new Buffer();
    private List<Metric> metrics;

    Evaluator(Sequential model, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
    }

    Tensor predict(Tensor x) {
        int n = x.rows();
        Shape out = model.outputShape();
        Tensor result = Tensor.zeros(out.withBatch(n));
        int outCols = out.size();
        for (int start = 0; start < n; start += batchSize) {
            int rows = Math.min(batchSize, n - start);
            Tensor xb = slice(x, start, rows, xBatch);
            Tensor yb = model.infer(xb);
            System.arraycopy(yb.data(), 0, result.data(), start * outCols, rows * outCols);
        }
        return result;
    }

    /** Mean and standard deviation over {@code samples} Monte-Carlo passes (Welford, in double). */
    Prediction predictMonteCarlo(Tensor x, int samples, long seed) {
        int n = x.rows();
        Shape out = model.outputShape();
        int outCols = out.size();
        double[] mean = new double[n * outCols];
        double[] m2 = new double[n * outCols];
        for (int start = 0; start < n; start += batchSize) {
            int rows = Math.min(batchSize, n - start);
            Tensor xb = slice(x, start, rows, xBatch);
            for (int s = 0; s < samples; s++) {
                Tensor yb = model.forward(xb, Mode.sampling(seed, s, start));
                float[] y = yb.data();
                int o = start * outCols;
                for (int i = 0; i < rows * outCols; i++) {
                    double d = y[i] - mean[o + i];
                    mean[o + i] += d / (s + 1);
                    m2[o + i] += d * (y[i] - mean[o + i]);
                }
            }
        }
        Tensor meanT = Tensor.zeros(out.withBatch(n));
        Tensor stdT = Tensor.zeros(out.withBatch(n));
        for (int i = 0; i < mean.length; i++) {
            meanT.data()[i] = (float) mean[i];
            stdT.data()[i] = (float) Math.sqrt(m2[i] / samples);
        }
        return new Prediction(meanT, stdT, samples);
    }

    /** Loss and metrics over all of {@code x}, keys prefixed with {@code prefix} (e.g. {@code val_}). */
    Logs evaluate(Tensor x, Tensor y, String prefix) {
        Logs logs = new Logs();
        evaluateInto(x, y, prefix, logs);
        return logs;
    }

    void evaluateInto(Tensor x, Tensor y, String prefix, Logs logs) {
        DataCheck.notEmpty(prefix + "x", x);
        DataCheck.notEmpty(prefix + "y", y);
        DataCheck.sameRows(prefix + "x", x, prefix + "y", y);
        model.checkInputShape(prefix + "x", x);
        evaluateInto(DataSource.of(x, y), prefix, logs);
    }

    /**
     * Loss and metrics over one pass of {@code data} in order, in batches of this evaluator's size:
     * the mean of the batch losses weighted by their rows, as Keras reports it.
     */
    void evaluateInto(DataSource data, String prefix, Logs logs) {
        if (metrics == null) {
            metrics = new ArrayList<>();
            for (String m : model.metricNames()) {
                metrics.add(Metrics.get(m));
            }
        }
        for (int iM = 0; iM < metrics.size(); iM++) {
            Metric m = metrics.get(iM);
            m.reset();
        }
        long n = 0;
        double lossSum = 0;
        double reg = model.regularizationLoss();
        boolean activity = model.hasActivityRegularizers();
        try (Batches pass = data.batches(BatchPlan.inOrder(batchSize))) {
            for (Batch b = pass.next(); b != null; b = pass.next()) {
                if (b.y() == null) {
                    throw new IllegalArgumentException("Evaluation needs targets, but the " + (prefix.isEmpty()
                            ? "" : "validation ") + "data has inputs only; give a source with targets.");
                }
                // With activity penalties, every layer's output is needed: the unfused pass, the same bits.
                Tensor out = activity ? model.forward(b.x(), Mode.INFERENCE) : model.infer(b.x());
                double penalties = reg + (activity ? model.activity().loss() : 0);
                lossSum += (model.loss().compute(b.y(), out, null, b.weightArray()) + penalties) * b.rows();
                n += b.rows();
                for (int iM = 0; iM < metrics.size(); iM++) {
                    Metric m = metrics.get(iM);
                    m.update(b.y(), out);
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("The " + (prefix.isEmpty() ? "" : "validation ") + "data has no rows;"
                    + " evaluation needs at least one.");
        }
        logs.put(prefix + "loss", lossSum / n);
        for (int iM = 0; iM < metrics.size(); iM++) {
            Metric m = metrics.get(iM);
            logs.put(prefix + m.name(), m.result());
        }
    }

    /** Predictions for every row of one in-order pass over {@code data}, in one tensor. */
    Tensor predict(DataSource data) {
        Shape out = model.outputShape();
        int outCols = out.size();
        float[] all = new float[1024];
        long n = 0;
        try (Batches pass = data.batches(BatchPlan.inOrder(batchSize))) {
            for (Batch b = pass.next(); b != null; b = pass.next()) {
                Tensor yb = model.infer(b.x());
                long need = (n + b.rows()) * outCols;
                if (need > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("The predictions of more than " + n + " rows do not fit in one"
                            + " array; predict the source in parts.");
                }
                if (need > all.length) {
                    all = java.util.Arrays.copyOf(all, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need,
                            2L * all.length)));
                }
                System.arraycopy(yb.data(), 0, all, (int) (n * outCols), b.rows() * outCols);
                n += b.rows();
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("predict: the data source has no rows; give at least one.");
        }
        return Tensor.wrap(java.util.Arrays.copyOf(all, (int) (n * outCols)), out.withBatch((int) n).dims());
    }

    static Tensor slice(Tensor t, int start, int rows, Buffer buffer) {
        Tensor b = buffer.get(rows, t.shape().withoutBatch());
        int cols = t.cols();
        System.arraycopy(t.data(), start * cols, b.data(), 0, rows * cols);
        return b;
    }

    static boolean sparseTargets(Sequential model) {
        return model.loss() instanceof SparseCategoricalCrossentropy;
    }
}
