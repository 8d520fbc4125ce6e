package dev.lamina.spark;

import dev.lamina.data.BatchPlan;
import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.layers.Layer;
import dev.lamina.layers.registry.LayerSpec;
import dev.lamina.models.Gradients;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The driver of a Spark fit. The driver holds the model; each round broadcasts its state, every
 * worker trains on its own rows ({@link RowOrder}), and the driver combines what they return in
 * worker order, so results do not depend on timing, task placement or retries.
 *
 * <ul>
 *   <li>{@code sync}: one job per step. Each worker computes the gradients of its part of the
 *       global batch (a ghost batch of B/P rows, BatchNormalization on its own rows), the driver
 *       adds them weighted by rows and applies the optimizer once; the moving statistics are the
 *       workers' mean (Keras' MEAN aggregation across replicas). Noise layers draw, for each row,
 *       what one model would draw for that row of the whole batch.</li>
 *   <li>{@code local_sgd}: one job per {@code syncInterval} steps. Each worker takes that many
 *       optimizer steps on its own rows, then weights, optimizer slots and BatchNormalization's
 *       moving statistics are averaged by rows (variance by the law of total variance; {@link StateCodec}).</li>
 * </ul>
 */
final class DataParallelFit {
    private static final Logger LOG = LoggerFactory.getLogger(DataParallelFit.class);

    private final FitSettings s;
    private final JavaSparkContext jsc;
    private final Sequential model;
    private final String run = UUID.randomUUID().toString();
    private final Handoff handoff;
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    private DataParallelFit(FitSettings s, JavaSparkContext jsc, Sequential model) {
        this.s = s;
        this.jsc = jsc;
        this.model = model;
        this.handoff = new Handoff(jsc, run);
    }

    /** The network the settings describe (layers or model config, seed), built for {@code features} inputs. */
    static Sequential build(FitSettings s, int features) {
        Sequential m;
        if (!s.layers().isEmpty()) {
            m = Sequential.of(LayerSpec.parse(s.layers()).toArray(Layer[]::new)).seed(s.seed());
            m.build(features);
        } else {
            try {
                m = ModelFiles.fromConfigJson(s.modelConfig(), "the modelConfig param");
            } catch (ModelFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (m.inputShape().size() != features) {
                throw new IllegalArgumentException("The modelConfig param's model takes " + m.inputShape()
                        + " inputs but the features column holds " + features + " values a row.");
            }
        }
        return m;
    }

    /** Compiles {@code m} with the settings' optimizer, learning rate and loss. */
    static Sequential compile(Sequential m, FitSettings s) {
        m.compile(s.optimizer(), s.loss());
        if (s.learningRate() > 0) {
            m.optimizer().learningRate(s.learningRate());
        }
        return m;
    }

    /** Trains {@code model} (built and compiled as above) on {@code data}; returns the per-epoch history. */
    static Map<String, List<Double>> fit(Dataset<Row> data, FitSettings s, Sequential model) {
        DataParallelFit f = new DataParallelFit(s, JavaSparkContext.fromSparkContext(data.sparkSession()
                .sparkContext()), model);
        return f.run(data);
    }

    private Map<String, List<Double>> run(Dataset<Row> data) {
        int features = model.inputShape().size();
        RowBlocks train = RowBlocks.of(data, s.featuresCol(), s.labelCol(), s.weightCol(), features, s.workers(),
                s.seed(), s.validationFraction(), false);
        RowBlocks validation = s.validationFraction() > 0 ? RowBlocks.of(data, s.featuresCol(), s.labelCol(),
                s.weightCol(), features, s.workers(), s.seed(), s.validationFraction(), true) : null;
        if (train.total() == 0) {
            throw new IllegalArgumentException("No training rows: the data set is empty, or the validation fraction "
                    + s.validationFraction() + " took every row.");
        }
        Broadcast<byte[]> archive = jsc.broadcast(ModelArchive.write(ModelFiles.members(model)));
        try {
            fingerprint.putAll(s.fingerprint());
            fingerprint.put("training rows", train.contentFingerprint());
            fingerprint.put("validation rows", validation == null ? "" : validation.contentFingerprint());
            resume();
            epochs(train, validation, archive);
        } finally {
            train.release();
            if (validation != null) {
                validation.release();
            }
            archive.destroy();
            handoff.close();
        }
        return history;
    }

    /** Where the run stands: the epoch and step (or round's first step) it goes on from, and what it gathered. */
    private int epoch;
    private long step;
    private double seen;
    private double lossSum;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private ReplicaState bestState;
    private boolean stopped;
    private long rounds;
    private final Map<String, String> fingerprint = new LinkedHashMap<>();

    private void resume() {
        if (s.checkpointDir().isEmpty()) {
            return;
        }
        Checkpoint c = Checkpoint.read(s.checkpointDir(), model, fingerprint, hadoop());
        if (c == null) {
            return;
        }
        c.state.applyTo(model);
        epoch = c.epoch;
        step = c.step;
        seen = c.seen;
        lossSum = c.lossSum;
        history.putAll(c.history);
        best = c.best;
        wait = c.wait;
        bestState = c.bestState;
        stopped = c.stopped;
        LOG.info("Going on from the checkpoint in {}: epoch {}, step {}", s.checkpointDir(), epoch + 1, step);
    }

    /** After a round: a checkpoint every checkpointInterval rounds, or now when {@code force}. */
    private void roundDone(boolean force) {
        rounds++;
        if (!s.checkpointDir().isEmpty() && (force || rounds % s.checkpointInterval() == 0)) {
            new Checkpoint(fingerprint, epoch, step, seen, lossSum, history, best, wait, stopped,
                    ReplicaState.of(model, false), bestState).write(s.checkpointDir(), model, hadoop());
        }
    }

    private org.apache.hadoop.conf.Configuration hadoop() {
        return jsc.hadoopConfiguration();
    }

    private void epochs(RowBlocks train, RowBlocks validation, Broadcast<byte[]> archive) {
        Gradients sum = model.newGradients();
        Gradients part = model.newGradients();
        while (epoch < s.epochs() && !stopped) {
            if (s.strategy().equals("local_sgd")) {
                localSgdEpoch(train, archive);
            } else {
                syncEpoch(train, archive, sum, part);
            }
            log("loss", lossSum / seen);
            double monitored = lossSum / seen;
            if (!Double.isFinite(monitored)) {
                throw new IllegalStateException("Training diverged: the loss is " + monitored + " in epoch " + (epoch + 1)
                        + "; lower the learning rate (learningRate param) or scale the features.");
            }
            if (validation != null && validation.total() > 0) {
                monitored = validationLoss(validation, archive);
                log("val_loss", monitored);
            }
            LOG.info("Epoch {}/{} - {}", epoch + 1, s.epochs(), lastLogs());
            if (s.patience() > 0) {
                if (monitored < best) {
                    best = monitored;
                    bestState = ReplicaState.of(model, false);
                    wait = 0;
                } else if (++wait >= s.patience()) {
                    LOG.info("Early stopping after epoch {}: the best {} was {}", epoch + 1,
                            validation != null ? "val_loss" : "loss", best);
                    stopped = true;
                }
            }
            epoch++;
            step = 0;
            seen = 0;
            lossSum = 0;
            roundDone(true);
        }
        if (bestState != null) {
            bestState.applyTo(model);
        }
    }

    /** The rest of this epoch in synchronous steps, from {@link #step}. */
    private void syncEpoch(RowBlocks train, Broadcast<byte[]> archive, Gradients sum, Gradients part) {
        long[] rows = train.rows();
        BatchPlan plan = StepTasks.plan(s.workerBatch(), s.seed(), epoch);
        long steps = steps(plan, rows);
        for (; step < steps; ) {
            Handoff.Payload state = handoff.send(model, false);
            List<byte[]> out = new ArrayList<>(train.blocks().mapPartitionsWithIndex(new StepTasks.Gradient(run,
                    archive, state, s.workerBatch(), s.seed(), epoch, rows, step), false).collect());
            for (int p = 0; p < out.size(); p++) {
                out.set(p, (byte[]) handoff.answer(state, p, out.get(p)));
            }
            handoff.release(state);
            long total = 0;
            for (long r : rows) {
                total += StepTasks.rowsAt(plan, step, r);
            }
            boolean first = true;
            for (int p = 0; p < out.size(); p++) {
                if (out.get(p).length == 0) {
                    continue;
                }
                int here = StepTasks.rowsAt(plan, step, rows[p]);
                Gradients g = first ? sum : part;
                g.setFrom(out.get(p));
                lossSum += g.loss() * here;
                seen += here;
                if (here != total) {
                    g.scale((double) here / total);
                }
                if (!first) {
                    sum.add(part);
                }
                first = false;
            }
            model.applyGradients(sum);
            step++;
            if (step < steps) {
                roundDone(false);
            }
        }
    }

    /** The rest of this epoch in local SGD rounds, from {@link #step}. */
    private void localSgdEpoch(RowBlocks train, Broadcast<byte[]> archive) {
        long[] rows = train.rows();
        BatchPlan plan = StepTasks.plan(s.workerBatch(), s.seed(), epoch);
        long steps = steps(plan, rows);
        while (step < steps) {
            long to = Math.min(steps, step + s.syncInterval());
            Handoff.Payload state = handoff.send(model, true);
            List<Tuple2<double[], byte[]>> out = train.blocks().mapPartitionsWithIndex(new StepTasks.LocalSteps(run,
                    archive, state, s.workerBatch(), s.seed(), epoch, rows, step, to), false).collect();
            List<Object> states = new ArrayList<>();
            double[] trained = new double[out.size()];
            for (int p = 0; p < out.size(); p++) {
                trained[p] = out.get(p)._1()[0];
                seen += trained[p];
                lossSum += out.get(p)._1()[1];
                states.add(handoff.answer(state, p, out.get(p)._2()));
            }
            handoff.release(state);
            StateCodec.averageInto(states, trained, model);
            step = to;
            if (step < steps) {
                roundDone(false);
            }
        }
    }

    private double validationLoss(RowBlocks validation, Broadcast<byte[]> archive) {
        Handoff.Payload state = handoff.send(model, false);
        List<double[]> out = validation.blocks().mapPartitionsWithIndex(new StepTasks.Validation(run, archive, state,
                Math.max(s.batchSize(), 32), validation.rows()), false).collect();
        handoff.release(state);
        double rows = 0;
        double sum = 0;
        for (double[] o : out) {
            rows += o[0];
            sum += o[1];
        }
        return sum / rows;
    }

    /** Steps in an epoch: the most any worker takes (the others sit out the steps past their rows). */
    private static long steps(BatchPlan plan, long[] rows) {
        long steps = 0;
        for (long r : rows) {
            steps = Math.max(steps, plan.steps(r));
        }
        return steps;
    }

    private void log(String key, double value) {
        history.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private String lastLogs() {
        StringBuilder b = new StringBuilder();
        history.forEach((k, v) -> b.append(b.length() == 0 ? "" : " - ").append(k).append(": ")
                .append(String.format(java.util.Locale.ROOT, "%.4f", v.get(v.size() - 1))));
        return b.toString();
    }
}
