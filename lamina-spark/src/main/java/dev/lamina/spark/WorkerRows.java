package dev.lamina.spark;

import dev.lamina.data.DataSource;
import dev.lamina.tensor.Tensor;

/**
 * The rows one worker trains or validates on, in their order: inputs, targets and weights as
 * row-major arrays. Lives in an executor's memory (a cached partition); never serialized.
 */
final class WorkerRows {
    private final int rows;
    private final int features;
    private final float[] x;
    private final float[] y;
    private final float[] weights;
    private final long keySum;
    private DataSource source;

    WorkerRows(int rows, int features, float[] x, float[] y, float[] weights, long keySum) {
        this.keySum = keySum;
        this.rows = rows;
        this.features = features;
        this.x = x;
        this.y = y;
        this.weights = weights;
    }

    int rows() {
        return rows;
    }

    /** The sum of the rows' {@link RowOrder#key keys}: what they hold, whatever their order. */
    long keySum() {
        return keySum;
    }

    /** The rows as a source (one per partition, reused: a source's passes allocate nothing once warm). */
    synchronized DataSource source() {
        if (source == null) {
            Tensor tx = Tensor.wrap(x, rows, features);
            Tensor ty = Tensor.wrap(y, rows, 1);
            source = weights == null ? DataSource.of(tx, ty) : DataSource.of(tx, ty, Tensor.wrap(weights, rows));
        }
        return source;
    }

    Tensor x() {
        return Tensor.wrap(x, rows, features);
    }

    Tensor y() {
        return Tensor.wrap(y, rows, 1);
    }

    Tensor weights() {
        return weights == null ? null : Tensor.wrap(weights, rows);
    }
}
