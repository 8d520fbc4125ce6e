package dev.lamina.data;

import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.ValueHash;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rows in memory. A shuffled pass permutes the row indices with the stream
 * {@code Streams.SHUFFLE + epoch} of the plan's seed and gathers each batch's rows into a reused
 * tensor, so that steady-state batches allocate nothing.
 */
final class TensorSource implements DataSource {
    private final Tensor x;
    private final Tensor y;
    private final Tensor w;
    private final Shape xRow;
    private final Shape yRow;
    private static final Shape W_ROW = Shape.of(1);
    /** A closed pass, ready for the next (see {@link Pass}). */
    private final AtomicReference<Pass> spare = new AtomicReference<>();

    TensorSource(Tensor x, Tensor y, Tensor w) {
        if (x == null) {
            throw new IllegalArgumentException("A data source needs its inputs x (it got null).");
        }
        if (x.shape().rank() < 1 || x.rows() == 0) {
            throw new IllegalArgumentException("x has no rows (shape " + x.shape() + "); give at least one row.");
        }
        if (y != null && y.rows() != x.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but y has " + y.rows() + "; give one"
                    + " target row per input row.");
        }
        if (w != null) {
            if (w.size() != x.rows()) {
                throw new IllegalArgumentException("x has " + x.rows() + " rows but sample_weight has " + w.size()
                        + " values; give one weight per row.");
            }
            float[] d = w.data();
            for (int i = 0; i < d.length; i++) {
                if (!(d[i] >= 0) || Float.isInfinite(d[i])) {
                    throw new IllegalArgumentException("sample_weight of row " + i + " is " + d[i] + "; weights must be"
                            + " finite and not negative.");
                }
            }
        }
        this.x = x;
        this.y = y;
        this.w = w == null ? null : Tensor.wrap(w.data(), w.size(), 1);
        this.xRow = x.shape().withoutBatch();
        this.yRow = y == null ? null : y.shape().withoutBatch();
    }

    @Override
    public Shape inputShape() {
        return xRow;
    }

    @Override
    public Shape targetShape() {
        return yRow;
    }

    @Override
    public long rows() {
        return x.rows();
    }

    @Override
    public boolean weighted() {
        return w != null;
    }

    /** Rows, columns and a hash of every value, inputs then targets. */
    @Override
    public String fingerprint() {
        long h = ValueHash.of(x.data(), ValueHash.START);
        if (y != null) {
            h = ValueHash.of(y.data(), h);
        }
        if (w != null) {
            h = ValueHash.of(w.data(), h);
        }
        return x.rows() + " rows, " + x.cols() + " features, " + (y == null ? 0 : y.cols()) + " targets, hash "
                + ValueHash.hex(h);
    }

    @Override
    public Batches batches(BatchPlan plan) {
        Pass p = spare.getAndSet(null);
        if (p == null) {
            p = new Pass();
        }
        p.start(plan);
        return p;
    }

    /**
     * One pass: the row order of its epoch, and the step it is at. A closed pass is kept for the
     * next one, with its order array and batch tensors, so that epochs after the first allocate
     * nothing.
     */
    private final class Pass implements Batches {
        private final int n = x.rows();
        private final int[] order = new int[n];
        private final Buffer xBatch = new Buffer();
        private final Buffer yBatch = new Buffer();
        private final Buffer wBatch = new Buffer();
        private BatchPlan plan;
        private long steps;
        private long step;
        private Batch last;

        void start(BatchPlan plan) {
            this.plan = plan;
            this.steps = plan.steps(n);
            this.step = 0;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (plan.shuffle()) {
                new RandomStream(plan.seed(), Streams.SHUFFLE + plan.epoch()).shuffle(order);
            }
        }

        @Override
        public Batch next() {
            if (step >= steps) {
                return null;
            }
            int start = (int) (step * plan.batchSize());
            int rows = plan.rowsOfStep(step, n);
            step++;
            Tensor xb = gather(x, xRow, start, rows, xBatch);
            Tensor yb = y == null ? null : gather(y, yRow, start, rows, yBatch);
            Tensor wb = w == null ? null : gather(w, W_ROW, start, rows, wBatch);
            if (last == null || last.x() != xb || last.y() != yb || last.weights() != wb) {
                last = new Batch(xb, yb, wb);
            }
            return last;
        }

        @Override
        public void skip(long count) {
            step = Math.min(steps, step + count);
        }

        @Override
        public void close() {
            spare.set(this);
        }

        private Tensor gather(Tensor src, Shape row, int start, int rows, Buffer buffer) {
            Tensor dst = buffer.get(rows, row);
            int cols = src.cols();
            float[] s = src.data();
            float[] d = dst.data();
            for (int i = 0; i < rows; i++) {
                System.arraycopy(s, order[start + i] * cols, d, i * cols, cols);
            }
            return dst;
        }
    }
}
