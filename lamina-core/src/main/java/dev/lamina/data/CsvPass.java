package dev.lamina.data;

import dev.lamina.random.RandomStream;
import dev.lamina.random.Streams;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One pass over a streamed CSV file. A reading thread parses the chunks in the pass's order (a
 * seeded permutation of the chunks when shuffling) into a bounded queue; this side gathers a
 * window of chunks, shuffles the window's rows with the same seeded stream, and cuts batches,
 * which may span windows. Every draw happens on the caller's thread in a fixed order, so the
 * batches are a pure function of the seed and the epoch whatever the reading thread's timing.
 */
final class CsvPass implements Batches {
    /** What the reading thread puts after the last chunk. */
    private static final Object END = new Object();

    private final CsvSource source;
    private final BatchPlan plan;
    private final long total;
    private final long steps;
    private final RandomStream random;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private final int nf;
    private final int nt;
    private final Shape xRow;
    private final Shape yRow;
    private final Buffer xBatch = new Buffer();
    private final Buffer yBatch = new Buffer();
    private float[] wx = new float[0];
    private float[] wy = new float[0];
    private int[] wOrder = new int[0];
    private int wRows;
    private int wPos;
    private long step;
    private boolean ended;

    CsvPass(CsvSource source, BatchPlan plan) {
        this.source = source;
        this.plan = plan;
        this.total = source.rows();
        this.steps = plan.steps(total);
        this.nf = source.featureColumns().length;
        this.nt = source.targetColumns().length;
        this.xRow = source.inputShape();
        this.yRow = source.targetShape();
        CsvIndex index = source.index();
        index.checkUnchanged();
        int[] chunkOrder = source.chunksToRead();
        random = new RandomStream(plan.seed(), Streams.CHUNKS + plan.epoch());
        if (plan.shuffle()) {
            random.shuffle(chunkOrder);
        }
        // Read-ahead: up to a window and two chunks, within an eighth of the heap (it does not change the order).
        long chunkBytes = 4L * index.chunkRows * Math.max(1, nf + nt);
        long ahead = Math.max(1, Math.min(source.window() + 2, Runtime.getRuntime().maxMemory() / 8 / chunkBytes));
        queue = new ArrayBlockingQueue<>((int) ahead);
        reader = new Thread(() -> read(chunkOrder), "lamina-csv-" + index.file.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(int[] chunkOrder) {
        try {
            for (int c : chunkOrder) {
                queue.put(CsvChunk.read(source.index(), c, source.featureColumns(), source.targetColumns(),
                        source.side()));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // The pass was closed.
        } catch (RuntimeException | Error e) {
            queue.clear();
            queue.offer(e);
        }
    }

    @Override
    public Batch next() {
        if (step >= steps) {
            return null;
        }
        int rows = plan.rowsOfStep(step, total);
        step++;
        Tensor xb = xBatch.get(rows, xRow);
        Tensor yb = yRow == null ? null : yBatch.get(rows, yRow);
        float[] xd = xb.data();
        float[] yd = yb == null ? null : yb.data();
        for (int i = 0; i < rows; i++) {
            if (wPos == wRows) {
                fillWindow();
            }
            int r = wOrder[wPos++];
            System.arraycopy(wx, r * nf, xd, i * nf, nf);
            if (yd != null) {
                System.arraycopy(wy, r * nt, yd, i * nt, nt);
            }
        }
        return new Batch(xb, yb);
    }

    /** Takes the next window of chunks from the reading thread and shuffles its rows. */
    private void fillWindow() {
        wRows = 0;
        wPos = 0;
        // A window of chunks, or more until it holds a row: chunks of the other side of a split may hold none.
        for (int c = 0; (c < source.window() || wRows == 0) && !ended; c++) {
            Object item = take();
            if (item == END) {
                ended = true;
                break;
            }
            CsvChunk chunk = (CsvChunk) item;
            int need = wRows + chunk.rows();
            if (need * nf > wx.length || need * nt > wy.length) {
                wx = Arrays.copyOf(wx, Math.max(need * nf, wx.length * 2));
                wy = Arrays.copyOf(wy, Math.max(need * nt, wy.length * 2));
            }
            System.arraycopy(chunk.x(), 0, wx, wRows * nf, chunk.rows() * nf);
            System.arraycopy(chunk.y(), 0, wy, wRows * nt, chunk.rows() * nt);
            wRows = need;
        }
        if (wRows == 0) {
            throw new DataFormatException(source.index().file + " has fewer rows than when it was opened; open it"
                    + " again.");
        }
        if (wOrder.length < wRows) {
            wOrder = new int[Math.max(wRows, wOrder.length * 2)];
        }
        for (int i = 0; i < wRows; i++) {
            wOrder[i] = i;
        }
        if (plan.shuffle()) {
            for (int i = wRows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = wOrder[i];
                wOrder[i] = wOrder[j];
                wOrder[j] = t;
            }
        }
    }

    private Object take() {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + source.index().file + " to be read.", e);
        }
        if (item instanceof DataFormatException e) {
            throw new DataFormatException(e.getMessage(), e);
        }
        if (item instanceof RuntimeException e) {
            throw new IllegalStateException("Reading " + source.index().file + " failed: " + e.getMessage(), e);
        }
        if (item instanceof Error e) {
            throw e;
        }
        return item;
    }

    @Override
    public void close() {
        reader.interrupt();
        queue.clear();
    }
}
