package dev.lamina.data;

/**
 * How one pass over a source is cut into batches: the batch size, whether and how the rows are
 * shuffled (a pure function of the seed and the epoch, so a run is reproducible), and what to do
 * with a last batch of one row. Sources that make their own batches (a user's iterator) ignore
 * the batch size and the shuffle, as Keras ignores {@code batch_size} for datasets.
 *
 * @param batchSize rows per batch
 * @param shuffle whether the rows are shuffled
 * @param seed the seed of the shuffle
 * @param epoch the epoch (0-based); each epoch gets its own order
 * @param lastBatchOfOne what to do with a last batch of a single row
 */
public record BatchPlan(int batchSize, boolean shuffle, long seed, int epoch, LastBatch lastBatchOfOne) {
    /**
     * Checks the plan.
     *
     * @throws IllegalArgumentException for a batch size below 1, a negative epoch or no policy
     */
    public BatchPlan {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be a positive integer; got " + batchSize + ".");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more; got " + epoch + ".");
        }
        if (lastBatchOfOne == null) {
            throw new IllegalArgumentException("lastBatchOfOne must be KEEP, MERGE or DROP; got null.");
        }
    }

    /** A plan that reads every row once, in order, in batches of {@code batchSize} (evaluation, prediction). */
    public static BatchPlan inOrder(int batchSize) {
        return new BatchPlan(batchSize, false, 0, 0, LastBatch.KEEP);
    }

    /** This plan for another epoch. */
    public BatchPlan epoch(int epoch) {
        return new BatchPlan(batchSize, shuffle, seed, epoch, lastBatchOfOne);
    }

    /** Whether {@code rows} rows leave a last batch of one row. */
    public boolean lastBatchIsSingle(long rows) {
        return rows > 1 && rows % batchSize == 1;
    }

    /** The number of batches in a pass over {@code rows} rows, the last-batch rule applied. */
    public long steps(long rows) {
        long full = (rows + batchSize - 1) / batchSize;
        return lastBatchIsSingle(rows) && lastBatchOfOne != LastBatch.KEEP ? full - 1 : full;
    }

    /** The rows of batch {@code step} of a pass over {@code rows} rows (the merged last batch has one more). */
    public int rowsOfStep(long step, long rows) {
        long steps = steps(rows);
        if (step == steps - 1 && lastBatchIsSingle(rows) && lastBatchOfOne == LastBatch.MERGE) {
            return batchSize + 1;
        }
        return (int) Math.min(batchSize, rows - step * batchSize);
    }
}
