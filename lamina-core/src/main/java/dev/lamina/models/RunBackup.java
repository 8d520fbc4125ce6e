package dev.lamina.models;

import dev.lamina.callbacks.Resumable;
import dev.lamina.layers.Layer;
import dev.lamina.metrics.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run's backup, which the training loop calls at its checkpoints (Keras' {@code BackupAndRestore}
 * callback, kept out of the loop): {@link #restore} at the start, {@link #save} at epoch ends and
 * every few steps, {@link #finish} when the run is done. What it saves besides the model: the
 * layers' training-pass counters, the resumable callbacks' state, and within an epoch the running
 * loss and the metrics' state.
 */
final class RunBackup {
    private final Backup where;
    private final Sequential model;
    private final Map<String, String> fingerprint;
    private final List<Resumable> resumables;
    private final List<Metric> metrics;

    RunBackup(Backup where, Sequential model, Map<String, String> fingerprint, List<Resumable> resumables,
              List<Metric> metrics) {
        this.where = where;
        this.model = model;
        this.fingerprint = fingerprint;
        this.resumables = resumables;
        this.metrics = metrics;
    }

    /** Whether to save after {@code step} (0-based) of an epoch of {@code steps} steps (-1: unknown). */
    boolean dueAfter(int step, long steps) {
        return where.everySteps() > 0 && (step + 1) % where.everySteps() == 0 && (steps < 0 || step + 1 < steps);
    }

    /**
     * Restores the layers' counters and the callbacks from the backup, if there is one, and returns
     * where to resume (null: start afresh). The metrics' state is the caller's, at the epoch it resumes.
     */
    TrainingState restore() {
        if (!Files.exists(where.file())) {
            return null;
        }
        try {
            TrainingState st = TrainingBackup.read(where.file(), model, resumables.size(), fingerprint);
            List<Layer> layers = model.layers();
            for (int i = 0; i < layers.size(); i++) {
                Long n = st.counters().get(Integer.toString(i));
                if (n != null) {
                    layers.get(i).restoreTrainingPasses(n);
                }
            }
            for (int i = 0; i < resumables.size(); i++) {
                resumables.get(i).restore(st.callbacks().get(i), st.callbackArrays().get(i));
            }
            if (st.metrics().size() != metrics.size() && st.step() > 0) {
                throw new IllegalStateException("The backup in " + where.dir() + " was made with " + st.metrics().size()
                        + " metrics; this run has " + metrics.size() + ". Resume with the same compile settings.");
            }
            return st;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resume from " + where.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves the run so that it resumes at {@code step} of {@code epoch}, with the epoch's running
     * loss so far and, within an epoch, the metrics' states.
     */
    void save(int epoch, int step, double epochLossSum, long epochSeen, boolean withMetrics) {
        List<double[]> ms = new ArrayList<>();
        if (withMetrics) {
            for (Metric m : metrics) {
                ms.add(m.state());
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            long passes = layers.get(i).trainingPasses();
            if (passes >= 0) {
                counters.put(Integer.toString(i), passes);
            }
        }
        List<Map<String, Object>> states = new ArrayList<>();
        List<List<float[]>> arrays = new ArrayList<>();
        for (Resumable r : resumables) {
            states.add(r.state());
            arrays.add(r.arrays());
        }
        try {
            TrainingBackup.write(where.file(), model,
                    new TrainingState(epoch, step, epochLossSum, epochSeen, ms, counters, states, arrays), fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the training backup " + where.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes the backup, and its folder unless something else lives there: the run is done. */
    void finish() {
        try {
            Files.deleteIfExists(where.file());
            deleteIfEmpty(where.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("Training finished but its backup " + where.file()
                    + " could not be removed: " + e.getMessage(), e);
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (NoSuchFileException e) {
            // Already gone.
        }
    }
}
