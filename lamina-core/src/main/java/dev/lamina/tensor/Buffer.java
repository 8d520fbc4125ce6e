package dev.lamina.tensor;

/**
 * A reusable work tensor of a fixed per-row width, cached for the few batch sizes a layer sees
 * (the training batch, the last partial batch, the evaluation batch), so that steady-state steps
 * allocate nothing.
 */
public final class Buffer {
    private static final int SLOTS = 4;
    private final Tensor[] cache = new Tensor[SLOTS];
    private int next;

    /** A tensor of shape {@code [rows] + sample}, reused when a tensor of that shape was made before. */
    public Tensor get(int rows, Shape sample) {
        for (Tensor t : cache) {
            if (t != null && t.rows() == rows && t.shape().rank() == sample.rank() + 1
                    && t.size() == rows * sample.size() && sameTail(t.shape(), sample)) {
                return t;
            }
        }
        Tensor t = Tensor.zeros(sample.withBatch(rows));
        cache[next] = t;
        next = (next + 1) % SLOTS;
        return t;
    }

    /** Forgets all cached tensors. */
    public void clear() {
        java.util.Arrays.fill(cache, null);
    }

    private static boolean sameTail(Shape full, Shape sample) {
        for (int i = 0; i < sample.rank(); i++) {
            if (full.dim(i + 1) != sample.dim(i)) {
                return false;
            }
        }
        return true;
    }
}
