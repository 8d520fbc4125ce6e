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

    /** Sets offset and scale per column from the column's values. */
    abstract void fitColumn(int column, double[] values);

    @Override
    public final void fit(Tensor x) {
        int rows = x.rows();
        int cols = x.cols();
        Check.that(rows > 0, className() + " cannot be fitted on no rows.");
        offset = new double[cols];
        scale = new double[cols];
        double[] v = new double[rows];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                v[i] = x.get(i, j);
            }
            fitColumn(j, v);
            if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
                scale[j] = 1; // a constant column is shifted, not divided by 0 (scikit-learn's rule)
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
