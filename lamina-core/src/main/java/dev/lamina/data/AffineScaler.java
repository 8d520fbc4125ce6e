package dev.lamina.data;

import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the scalers share: per-column {@code (x - offset) / scale}, in double, and its inverse. */
abstract class AffineScaler implements Scaler {
    double[] offset;
    double[] scale;

    /** Fits on the rows of {@code x}: the same pass, in the same order, as {@link #fit(DataSource, boolean)}. */
    @Override
    public final void fit(Tensor x) {
        Check.that(x.rows() > 0, className() + " cannot be fitted on no rows.");
        fit(DataSource.of(x, null), false);
    }

    /** Sets offset and scale of a column from its row count, sum, sum of squared deviations from the mean, min and max. */
    abstract void fitColumn(int column, long rows, double sum, double squaredDeviations, double min, double max);

    /** Whether {@link #fitColumn(int, long, double, double, double, double)} needs the squared deviations. */
    abstract boolean needsDeviations();

    @Override
    public final void fit(DataSource data, boolean targets) {
        Check.that(!targets || data.targetShape() != null, className() + " cannot be fitted on the targets of a"
                + " source of inputs only.");
        int cols = (targets ? data.targetShape() : data.inputShape()).size();
        long[] n = new long[1];
        double[] sum = new double[cols];
        double[] min = new double[cols];
        double[] max = new double[cols];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        eachValue(data, targets, (j, v) -> {
            sum[j] += v;
            min[j] = Math.min(min[j], v);
            max[j] = Math.max(max[j], v);
        }, n);
        Check.that(n[0] > 0, className() + " cannot be fitted on no rows.");
        double[] mean = new double[cols];
        for (int j = 0; j < cols; j++) {
            mean[j] = sum[j] / n[0];
        }
        double[] sq = new double[cols];
        if (needsDeviations()) {
            eachValue(data, targets, (j, v) -> sq[j] += (v - mean[j]) * (v - mean[j]), new long[1]);
        }
        offset = new double[cols];
        scale = new double[cols];
        for (int j = 0; j < cols; j++) {
            fitColumn(j, n[0], sum[j], sq[j], min[j], max[j]);
            if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
                scale[j] = 1;
            }
        }
    }

    /** What {@link #eachValue} hands each value to. */
    private interface ValueSink {
        void accept(int column, double value);
    }

    private static void eachValue(DataSource data, boolean targets, ValueSink sink, long[] rows) {
        try (Batches pass = data.batches(BatchPlan.inOrder(4096))) {
            for (Batch b = pass.next(); b != null; b = pass.next()) {
                Tensor t = targets ? b.y() : b.x();
                float[] d = t.data();
                int cols = t.cols();
                for (int i = 0; i < b.rows(); i++) {
                    for (int j = 0; j < cols; j++) {
                        sink.accept(j, d[i * cols + j]);
                    }
                }
                rows[0] += b.rows();
            }
        }
    }

    @Override
    public final boolean fitted() {
        return offset != null;
    }

    @Override
    public final int columns() {
        return offset == null ? 0 : offset.length;
    }

    @Override
    public final Tensor transform(Tensor x) {
        return apply(x, false, true);
    }

    @Override
    public final Tensor inverseTransform(Tensor x) {
        return apply(x, true, true);
    }

    @Override
    public final Tensor inverseScale(Tensor spread) {
        return apply(spread, true, false);
    }

    private Tensor apply(Tensor x, boolean inverse, boolean shift) {
        Check.state(fitted(), className() + " is not fitted: call fit(trainingData) first.");
        Check.that(x.cols() == offset.length, className() + " was fitted on " + offset.length + " columns but"
                + " received " + x.cols() + ".");
        Tensor out = x.copy();
        float[] d = out.data();
        int cols = offset.length;
        for (int i = 0; i < d.length; i++) {
            int j = i % cols;
            double o = shift ? offset[j] : 0;
            d[i] = (float) (inverse ? d[i] * scale[j] + o : (d[i] - o) / scale[j]);
        }
        return out;
    }

    @Override
    public final Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className());
        m.put("offset", offset == null ? null : Arrays.stream(offset).boxed().toList());
        m.put("scale", scale == null ? null : Arrays.stream(scale).boxed().toList());
        return m;
    }

    /** Restores a state written by {@link #state()}. */
    final void restore(List<Double> offsets, List<Double> scales) {
        Check.that(offsets.size() == scales.size(), className() + " state has " + offsets.size() + " offsets and "
                + scales.size() + " scales.");
        Check.that(!offsets.isEmpty(), className() + " state has no columns.");
        for (int j = 0; j < offsets.size(); j++) {
            double o = offsets.get(j);
            double sc = scales.get(j);
            Check.that(Double.isFinite(o) && Double.isFinite(sc) && sc > 0, className() + " state, column " + j
                    + ": offset " + o + " and scale " + sc + "; the offset must be finite and the scale positive.");
        }
        offset = offsets.stream().mapToDouble(Double::doubleValue).toArray();
        scale = scales.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The fitted offsets (copies). */
    public double[] offsets() {
        return offset.clone();
    }

    /** The fitted scales (copies). */
    public double[] scales() {
        return scale.clone();
    }
}
