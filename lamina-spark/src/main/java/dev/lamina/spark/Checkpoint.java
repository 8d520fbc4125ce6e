package dev.lamina.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.io.Json;
import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.io.NamedTensor;
import dev.lamina.io.SafeTensors;
import dev.lamina.tensor.Tensor;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a Spark fit stands, saved every few rounds to {@code checkpoint.lamina} in the checkpoint
 * directory (a model archive, written to a temporary name and renamed): the model with its
 * optimizer, plus {@code spark_run.json} (the run's fingerprint, the epoch and step to go on from,
 * the epoch's loss so far, the history, the layers' counters, early stopping's best and whether it
 * stopped; doubles as their exact bits) and {@code spark_best.safetensors} (the best weights, when
 * early stopping kept some). A fit with the same settings on the same rows goes on from it to the bits an
 * uninterrupted fit reaches; another run's checkpoint is refused, naming what differs.
 */
final class Checkpoint {
    static final String FILE = "checkpoint.lamina";
    private static final String RUN = "spark_run.json";
    private static final String BEST = "spark_best.safetensors";

    final Map<String, String> fingerprint;
    final int epoch;
    final long step;
    final double seen;
    final double lossSum;
    final Map<String, List<Double>> history;
    final double best;
    final int wait;
    final boolean stopped;
    final ReplicaState state;
    final ReplicaState bestState;

    Checkpoint(Map<String, String> fingerprint, int epoch, long step, double seen, double lossSum,
            Map<String, List<Double>> history, double best, int wait, boolean stopped, ReplicaState state,
            ReplicaState bestState) {
        this.fingerprint = fingerprint;
        this.epoch = epoch;
        this.step = step;
        this.seen = seen;
        this.lossSum = lossSum;
        this.history = history;
        this.best = best;
        this.wait = wait;
        this.stopped = stopped;
        this.state = state;
        this.bestState = bestState;
    }

    /** Writes this checkpoint of {@code model} into {@code dir}. */
    void write(String dir, Sequential model, Configuration conf) {
        Map<String, byte[]> members = ModelFiles.members(model);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("fingerprint", fingerprint);
        run.put("epoch", epoch);
        run.put("step", step);
        run.put("seen", Double.doubleToRawLongBits(seen));
        run.put("loss_sum", Double.doubleToRawLongBits(lossSum));
        Map<String, Object> h = new LinkedHashMap<>();
        history.forEach((k, v) -> h.put(k, v.stream().map(Double::doubleToRawLongBits).toList()));
        run.put("history", h);
        run.put("best", Double.doubleToRawLongBits(best));
        run.put("wait", wait);
        run.put("stopped", stopped);
        run.put("passes", java.util.Arrays.stream(state.passes).boxed().toList());
        if (bestState != null) {
            run.put("best_passes", java.util.Arrays.stream(bestState.passes).boxed().toList());
            List<NamedTensor> best = new ArrayList<>();
            for (int i = 0; i < bestState.weights.length; i++) {
                // By position: a model built again names its layers anew (dense_3 may become dense_7).
                best.add(new NamedTensor("weight_" + i, Tensor.wrap(bestState.weights[i],
                        bestState.weights[i].length)));
            }
            members.put(BEST, SafeTensors.write(best, Map.of("format", "lamina")));
        }
        members.put(RUN, Json.write(run));
        HadoopFiles.write(new Path(dir, FILE), ModelArchive.write(members), conf);
    }

    private static long[] longs(JsonNode list, int expected, String where) throws ModelFormatException {
        if (!list.isArray() || list.size() != expected) {
            throw new ModelFormatException(where + ": " + RUN + " holds " + list.size() + " layer counters where the"
                    + " model has " + expected + ".");
        }
        long[] out = new long[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = list.get(i).asLong();
        }
        return out;
    }

    /**
     * The checkpoint in {@code dir} for {@code model}'s architecture, or null when there is none.
     *
     * @throws IllegalArgumentException when it is damaged or belongs to another run (naming what differs)
     */
    static Checkpoint read(String dir, Sequential model, Map<String, String> fingerprint, Configuration conf) {
        Path path = new Path(dir, FILE);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                return null;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not look for " + path + ": " + e.getMessage(), e);
        }
        String where = path.toString();
        try {
            Map<String, byte[]> members = ModelArchive.read(HadoopFiles.read(path, ModelArchive.MAX_BYTES, conf), where);
            if (!members.containsKey(RUN)) {
                throw new ModelFormatException(where + " is not a Spark fit's checkpoint (no " + RUN + ").");
            }
            JsonNode run = Json.parse(members.get(RUN), where + " " + RUN);
            Map<String, String> saved = new LinkedHashMap<>();
            run.path("fingerprint").fields().forEachRemaining(e -> saved.put(e.getKey(), e.getValue().asText()));
            for (Map.Entry<String, String> e : fingerprint.entrySet()) {
                if (!e.getValue().equals(saved.get(e.getKey()))) {
                    throw new IllegalArgumentException(where + " is the checkpoint of another run: its " + e.getKey()
                            + " is " + saved.get(e.getKey()) + ", this fit's is " + e.getValue() + ". Give this fit"
                            + " another checkpoint directory, or delete the checkpoint to start over.");
                }
            }
            Map<String, List<Double>> history = new LinkedHashMap<>();
            run.path("history").fields().forEachRemaining(e -> {
                List<Double> v = new ArrayList<>();
                e.getValue().forEach(n -> v.add(Double.longBitsToDouble(n.asLong())));
                history.put(e.getKey(), v);
            });
            Sequential saved0 = ModelFiles.load(members, where);
            ReplicaState weights = ReplicaState.of(saved0, true);
            long[] passes = longs(run.path("passes"), weights.passes.length, where);
            ReplicaState state = new ReplicaState(weights.weights, passes, weights.slots, weights.iterations);
            ReplicaState best = null;
            if (members.containsKey(BEST)) {
                SafeTensors.Contents c = SafeTensors.read(members.get(BEST), where + " " + BEST);
                float[][] w = new float[model.weights().size()][];
                for (int i = 0; i < w.length; i++) {
                    Tensor t = c.get("weight_" + i);
                    if (t == null || t.size() != model.weights().get(i).value().size()) {
                        throw new ModelFormatException(where + ": " + BEST + " lacks weight "
                                + model.weights().get(i).path() + " or has it in another size.");
                    }
                    w[i] = t.data();
                }
                best = new ReplicaState(w, longs(run.path("best_passes"), passes.length, where), null, -1);
            }
            int epoch = run.path("epoch").asInt(-1);
            long step = run.path("step").asLong(-1);
            if (epoch < 0 || step < 0) {
                throw new ModelFormatException(where + ": " + RUN + " has no epoch and step to go on from.");
            }
            return new Checkpoint(saved, epoch, step, Double.longBitsToDouble(run.path("seen").asLong()),
                    Double.longBitsToDouble(run.path("loss_sum").asLong()), history,
                    Double.longBitsToDouble(run.path("best").asLong()), run.path("wait").asInt(),
                    run.path("stopped").asBoolean(), state, best);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(where + " is damaged: " + e.getMessage(), e);
        }
    }
}
