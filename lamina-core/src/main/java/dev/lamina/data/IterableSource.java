package dev.lamina.data;

import dev.lamina.tensor.Shape;
import java.util.Iterator;

/** The user's batches, one {@code iterator()} per pass (see {@link DataSource#ofBatches}). */
final class IterableSource implements DataSource {
    private final Iterable<Batch> batches;
    private Shape inputShape;
    private Shape targetShape;

    IterableSource(Iterable<Batch> batches) {
        if (batches == null) {
            throw new IllegalArgumentException("DataSource.ofBatches needs an Iterable of batches (it got null).");
        }
        this.batches = batches;
    }

    @Override
    public Shape inputShape() {
        learnShapes();
        return inputShape;
    }

    @Override
    public Shape targetShape() {
        learnShapes();
        return targetShape;
    }

    @Override
    public long rows() {
        return -1;
    }

    @Override
    public Batches batches(BatchPlan plan) {
        Iterator<Batch> it = batches.iterator();
        return new Batches() {
            private long index;

            @Override
            public Batch next() {
                if (!it.hasNext()) {
                    return null;
                }
                Batch b = it.next();
                if (b == null) {
                    throw new IllegalStateException("The iterator of batches returned null as batch " + index
                            + "; end a pass with hasNext() == false instead.");
                }
                check(b, index++);
                return b;
            }

            @Override
            public void close() {
                if (it instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("Closing the iterator of batches failed: " + e.getMessage(), e);
                    }
                }
            }
        };
    }

    /** Takes the shapes from the first batch of a pass of their own. */
    private void learnShapes() {
        if (inputShape != null) {
            return;
        }
        Iterator<Batch> it = batches.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("The iterable of batches has no batch; give at least one.");
        }
        Batch first = it.next();
        if (first == null) {
            throw new IllegalArgumentException("The iterable's first batch is null; give batches of rows.");
        }
        inputShape = first.x().shape().withoutBatch();
        targetShape = first.y() == null ? null : first.y().shape().withoutBatch();
    }

    private void check(Batch b, long index) {
        learnShapes();
        Shape xs = b.x().shape().withoutBatch();
        if (!xs.equals(inputShape)) {
            throw new IllegalArgumentException("Batch " + index + " has inputs of shape " + b.x().shape()
                    + " but the first batch had rows of shape " + inputShape + "; every batch needs the same row"
                    + " shape.");
        }
        Shape ys = b.y() == null ? null : b.y().shape().withoutBatch();
        if (ys == null ? targetShape != null : !ys.equals(targetShape)) {
            throw new IllegalArgumentException("Batch " + index + " has targets of shape "
                    + (b.y() == null ? "none" : b.y().shape()) + " but the first batch had "
                    + (targetShape == null ? "none" : "rows of shape " + targetShape) + "; every batch needs the"
                    + " same target shape.");
        }
    }
}
