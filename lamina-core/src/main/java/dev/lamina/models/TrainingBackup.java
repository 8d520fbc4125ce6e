package dev.lamina.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.io.AtomicFiles;
import dev.lamina.io.Json;
import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.io.NamedTensor;
import dev.lamina.io.SafeTensors;
import dev.lamina.layers.Parameter;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.schedules.ConstantRate;
import dev.lamina.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup of a training run: the model archive's members plus {@code training.json} (where the
 * run stands, as a {@link TrainingState}; every double stored as its exact bits) and
 * {@code training.safetensors} (the callbacks' arrays), written atomically.
 */
final class TrainingBackup {
    private TrainingBackup() {}

    /**
     * Writes the backup of {@code model} at {@code state} to {@code file}, with the run's
     * {@code fingerprint} (see {@link #read}).
     */
    static void write(Path file, Sequential model, TrainingState state, Map<String, String> fingerprint)
            throws IOException {
        Map<String, byte[]> members = ModelFiles.members(model);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("fingerprint", fingerprint);
        t.put("epoch", state.epoch());
        t.put("step", state.step());
        t.put("loss_sum", Double.doubleToRawLongBits(state.lossSum()));
        t.put("seen", state.seen());
        List<Object> metrics = new ArrayList<>();
        for (double[] m : state.metrics()) {
            List<Long> bits = new ArrayList<>();
            for (double v : m) {
                bits.add(Double.doubleToRawLongBits(v));
            }
            metrics.add(bits);
        }
        t.put("metrics", metrics);
        t.put("counters", state.counters());
        t.put("callbacks", state.callbacks());
        Optimizer o = model.optimizer();
        t.put("learning_rate", Double.doubleToRawLongBits(o.currentLearningRate()));
        t.put("iterations", o.iterations());
        members.put("training.json", Json.write(t));
        List<NamedTensor> arrays = new ArrayList<>();
        for (int c = 0; c < state.callbackArrays().size(); c++) {
            List<float[]> list = state.callbackArrays().get(c);
            for (int i = 0; i < list.size(); i++) {
                arrays.add(new NamedTensor("callback_" + c + "/" + i, Tensor.wrap(list.get(i), list.get(i).length)));
            }
        }
        members.put("training.safetensors", SafeTensors.write(arrays, Map.of()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, ModelArchive.write(members));
    }

    /**
     * Restores {@code model}'s weights, optimizer state and learning rate from the backup at
     * {@code file}, and returns where the run stood. The backup must come from the same run: every
     * entry of {@code fingerprint} (the architecture, compile and fit settings, seed, a hash of the
     * data) must equal the backup's, or nothing is restored.
     *
     * @throws ModelFormatException when the backup is damaged or belongs to another model
     * @throws IllegalStateException when it belongs to another run, naming what differs
     */
    static TrainingState read(Path file, Sequential model, int resumableCallbacks,
                                     Map<String, String> fingerprint) throws IOException {
        String where = file.toString();
        Map<String, byte[]> members = ModelArchive.read(file);
        byte[] training = members.get("training.json");
        if (training == null) {
            throw new ModelFormatException(where + " is not a training backup: training.json is missing.");
        }
        JsonNode t = Json.parse(training, where + " training.json");
        checkSameRun(t.path("fingerprint"), fingerprint, file);
        Sequential saved = ModelFiles.load(members, where);
        List<Parameter> mine = model.weights();
        List<Parameter> theirs = saved.weights();
        if (mine.size() != theirs.size()) {
            throw new ModelFormatException(where + " holds a model with " + theirs.size() + " weights; this one has "
                    + mine.size() + ". Resume with the same model, or remove the backup folder.");
        }
        for (int i = 0; i < mine.size(); i++) {
            Parameter p = mine.get(i);
            Parameter q = theirs.get(i);
            if (!p.name().equals(q.name()) || !p.value().shape().equals(q.value().shape())) {
                throw new ModelFormatException(where + ": weight " + q.path() + " " + q.value().shape() + " does not"
                        + " match this model's " + p.path() + " " + p.value().shape() + "; resume with the same model.");
            }
            p.value().copyFrom(q.value());
        }
        Optimizer o = model.optimizer();
        Optimizer so = saved.optimizer();
        for (int i = 0; i < mine.size(); i++) {
            float[][] slots = so == null ? null : so.slots(theirs.get(i));
            if (slots != null) {
                o.setSlots(mine.get(i), slots);
            }
        }
        o.setIterations(t.path("iterations").asLong());
        if (o.schedule() instanceof ConstantRate) {
            o.learningRate(Double.longBitsToDouble(t.path("learning_rate").asLong()));
        }
        List<double[]> metrics = new ArrayList<>();
        for (JsonNode m : t.path("metrics")) {
            double[] v = new double[m.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.longBitsToDouble(m.get(i).asLong());
            }
            metrics.add(v);
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        t.path("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
        List<Map<String, Object>> callbacks = new ArrayList<>();
        for (JsonNode c : t.path("callbacks")) {
            callbacks.add(Json.toMap(c));
        }
        if (callbacks.size() != resumableCallbacks) {
            throw new ModelFormatException(where + " was written by a run with " + callbacks.size() + " resumable"
                    + " callbacks; this one has " + resumableCallbacks + ". Resume with the same callbacks.");
        }
        SafeTensors.Contents arrays = SafeTensors.read(members.get("training.safetensors"), where + " training.safetensors");
        List<List<float[]>> callbackArrays = new ArrayList<>();
        for (int c = 0; c < callbacks.size(); c++) {
            List<float[]> list = new ArrayList<>();
            for (int i = 0; arrays.get("callback_" + c + "/" + i) != null; i++) {
                list.add(arrays.get("callback_" + c + "/" + i).data());
            }
            callbackArrays.add(list);
        }
        return new TrainingState(t.path("epoch").asInt(), t.path("step").asInt(),
                Double.longBitsToDouble(t.path("loss_sum").asLong()), t.path("seen").asLong(), metrics, counters,
                callbacks, callbackArrays);
    }

    private static void checkSameRun(JsonNode saved, Map<String, String> now, Path file) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            JsonNode before = saved.path(e.getKey());
            if (!before.isTextual() || !before.asText().equals(e.getValue())) {
                differences.add(e.getKey() + " (backup: " + (before.isTextual() ? before.asText() : "not recorded")
                        + "; this run: " + e.getValue() + ")");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The backup " + file + " belongs to another run: its " + String.join(", ",
                    differences) + " differ. Resume with the same model, data and settings, or remove "
                    + file.toAbsolutePath().getParent() + " to start afresh.");
        }
    }
}
