package dev.lamina.spark;

import dev.lamina.data.Batch;
import dev.lamina.data.BatchPlan;
import dev.lamina.data.Batches;
import dev.lamina.data.LastBatch;
import dev.lamina.models.Sequential;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import dev.lamina.spark.Handoff.Payload;

/**
 * The work of one partition in one round, as pure functions of (the broadcast archive and state,
 * the partition's rows, the round): a retried or re-run task returns the same bits.
 */
final class StepTasks {
    /**
     * Runs at the start of every task with its partition (nothing by default): tests throw from it
     * to check that a retried task leaves the same result.
     */
    static volatile java.util.function.IntConsumer beforeTask = partition -> { };

    /** Runs after a task's work, before it returns (nothing by default): tests fail a task whose replica stepped. */
    static volatile java.util.function.IntConsumer afterWork = partition -> { };

    private StepTasks() {}

    /** The plan of a worker's pass in {@code epoch}: its share of the global batch, shuffled by the seed. */
    static BatchPlan plan(int workerBatch, long seed, int epoch) {
        return new BatchPlan(workerBatch, true, seed, epoch, LastBatch.KEEP);
    }

    /** The rows a worker with {@code rows} rows trains on at {@code step} (0 past its last step). */
    static int rowsAt(BatchPlan plan, long step, long rows) {
        return step < plan.steps(rows) ? plan.rowsOfStep(step, rows) : 0;
    }

    /** The row of the whole (global) batch at which worker {@code worker}'s part of step {@code step} starts. */
    static long firstRow(BatchPlan plan, long step, long[] rows, int worker) {
        long first = 0;
        for (int q = 0; q < worker; q++) {
            first += rowsAt(plan, step, rows[q]);
        }
        return first;
    }

    /** Common fields: the run, its archive, the state of this round and where the round stands. */
    abstract static class Task<R> implements Function2<Integer, Iterator<WorkerRows>, Iterator<R>> {
        private static final long serialVersionUID = 1L;
        final String run;
        final Broadcast<byte[]> archive;
        final Payload state;
        final int workerBatch;
        final long seed;
        final int epoch;
        final long[] rows;

        Task(String run, Broadcast<byte[]> archive, Payload state, int workerBatch, long seed, int epoch,
                long[] rows) {
            this.run = run;
            this.archive = archive;
            this.state = state;
            this.workerBatch = workerBatch;
            this.seed = seed;
            this.epoch = epoch;
            this.rows = rows;
        }

        @Override
        public final Iterator<R> call(Integer partition, Iterator<WorkerRows> it) {
            beforeTask.accept(partition);
            WorkerRows data = it.next();
            Object sent = state.value();
            Replicas.Replica cached = Replicas.get(run, partition, archive.value());
            // An optimizer that stepped (an earlier attempt of this task) cannot be made fresh again in place.
            Replicas.Replica r = StateCodec.restorable(sent, cached.model) ? cached
                    : Replicas.fresh(run, partition, archive.value());
            synchronized (r) {
                StateCodec.writeInto(sent, r.model);
                // A task has its core (spark.task.cpus); the kernels' threads would compete with the other tasks'.
                R result = dev.lamina.tensor.WorkerPool.alone(() -> work(partition, data, r));
                afterWork.accept(partition);
                return List.of(result).iterator();
            }
        }

        abstract R work(int partition, WorkerRows data, Replicas.Replica r);
    }

    /** Synchronous data parallelism: one step's gradients of this worker's part of the global batch. */
    static final class Gradient extends Task<byte[]> {
        private static final long serialVersionUID = 1L;
        private final long step;

        Gradient(String run, Broadcast<byte[]> archive, Payload state, int workerBatch, long seed,
                int epoch, long[] rows, long step) {
            super(run, archive, state, workerBatch, seed, epoch, rows);
            this.step = step;
        }

        @Override
        byte[] work(int partition, WorkerRows data, Replicas.Replica r) {
            BatchPlan plan = plan(workerBatch, seed, epoch);
            if (rowsAt(plan, step, data.rows()) == 0) {
                return new byte[0];
            }
            try (Batches pass = data.source().batches(plan)) {
                pass.skip(step);
                Batch b = pass.next();
                r.model.computeGradients(b, firstRow(plan, step, rows, partition), r.gradients);
                return state.reply(partition, r.gradients.toBytes());
            }
        }
    }

    /** Local SGD: steps {@code [from, to)} on this worker's rows; returns {rows, loss sum} and the state after them. */
    static final class LocalSteps extends Task<scala.Tuple2<double[], byte[]>> {
        private static final long serialVersionUID = 1L;
        private final long from;
        private final long to;

        LocalSteps(String run, Broadcast<byte[]> archive, Payload state, int workerBatch, long seed,
                int epoch, long[] rows, long from, long to) {
            super(run, archive, state, workerBatch, seed, epoch, rows);
            this.from = from;
            this.to = to;
        }

        @Override
        scala.Tuple2<double[], byte[]> work(int partition, WorkerRows data, Replicas.Replica r) {
            BatchPlan plan = plan(workerBatch, seed, epoch);
            double seen = 0;
            double lossSum = 0;
            try (Batches pass = data.rows() == 0 ? null : data.source().batches(plan)) {
                if (pass != null) {
                    pass.skip(from);
                }
                for (long step = from; step < to && rowsAt(plan, step, data.rows()) > 0; step++) {
                    Batch b = pass.next();
                    r.model.computeGradients(b, firstRow(plan, step, rows, partition), r.gradients);
                    r.model.applyGradients(r.gradients);
                    lossSum += r.gradients.loss() * b.rows();
                    seen += b.rows();
                }
            }
            return new scala.Tuple2<>(new double[] {seen, lossSum}, state.reply(partition, r.model));
        }
    }

    /** The loss on this worker's held-out rows: {rows, loss sum}. */
    static final class Validation extends Task<double[]> {
        private static final long serialVersionUID = 1L;

        Validation(String run, Broadcast<byte[]> archive, Payload state, int batch, long[] rows) {
            super(run, archive, state, batch, 0, 0, rows);
        }

        @Override
        double[] work(int partition, WorkerRows data, Replicas.Replica r) {
            if (data.rows() == 0) {
                return new double[] {0, 0};
            }
            Sequential m = r.model;
            Map<String, Double> result = data.weights() == null ? m.evaluate(data.x(), data.y(), workerBatch)
                    : m.evaluate(data.x(), data.y(), data.weights(), workerBatch);
            return new double[] {data.rows(), result.get("loss") * data.rows()};
        }
    }
}
