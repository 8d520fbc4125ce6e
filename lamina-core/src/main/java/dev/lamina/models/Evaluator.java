package dev.lamina.models;

import dev.lamina.callbacks.Logs;
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
            Tensor yb = model.forward(xb, Mode.INFERENCE);
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
                Tensor yb = model.forward(xb, dev.lamina.layers.Mode.sampling(seed, s, start));
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
        int n = x.rows();
        double lossSum = 0;
        double reg = model.regularizationLoss();
        for (int start = 0; start < n; start += batchSize) {
            int rows = Math.min(batchSize, n - start);
            Tensor xb = slice(x, start, rows, xBatch);
            Tensor yb = slice(y, start, rows, yBatch);
            Tensor out = model.forward(xb, Mode.INFERENCE);
            lossSum += (model.loss().compute(yb, out, null) + reg) * rows;
            for (int iM = 0; iM < metrics.size(); iM++) {
                Metric m = metrics.get(iM);
                m.update(yb, out);
            }
        }
        logs.put(prefix + "loss", lossSum / n);
        for (int iM = 0; iM < metrics.size(); iM++) {
            Metric m = metrics.get(iM);
            logs.put(prefix + m.name(), m.result());
        }
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
