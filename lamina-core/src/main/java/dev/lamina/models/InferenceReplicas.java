package dev.lamina.models;

import dev.lamina.tensor.WorkerPool;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The replicas a model predicts with, so that many threads can predict at once: each replica is
 * the model's layers made again from their configs and built on the model's own weight tensors
 * ({@code Layer.buildSharing}), so it has its own activation buffers and kernel state but no weights
 * of its own. Each thread that predicts gets one, made on its first prediction and kept for the
 * next (with buffers sized to the largest batch it predicted, for as long as the thread and the
 * model live); nothing is shared between the callers but the weights, which they only read.
 *
 * <p>Lamina adds no threads of its own to a crowd of callers: a prediction that starts while
 * others are in progress runs on its caller's thread alone ({@link WorkerPool#alone}), so the only
 * threads computing are the callers'; a caller on its own gets the shared {@link WorkerPool} as
 * usual (which itself runs a caller alone when another model has it busy). Measured on 2 cores:
 * see {@code docs/performance.md} (workload C1).
 */
final class InferenceReplicas {
    private final Sequential model;
    private final IntSupplier predictionsInProgress;
    private ThreadLocal<Sequential> mine;

    /**
     * @param predictionsInProgress how many predictions are in progress on the model (this one
     *     included)
     */
    InferenceReplicas(Sequential model, IntSupplier predictionsInProgress) {
        this.model = model;
        this.predictionsInProgress = predictionsInProgress;
        clear();
    }

    /** Runs {@code job} on this thread's replica. */
    <T> T run(Function<Sequential, T> job) {
        Sequential replica = mine.get();
        return predictionsInProgress.getAsInt() > 1 ? WorkerPool.alone(() -> job.apply(replica)) : job.apply(replica);
    }

    /** Forgets every replica: the model's layers changed (a layer was added). */
    void clear() {
        mine = ThreadLocal.withInitial(model::replica);
    }
}
