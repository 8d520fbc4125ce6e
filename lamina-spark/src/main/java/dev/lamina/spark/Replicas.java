package dev.lamina.spark;

import dev.lamina.io.ModelArchive;
import dev.lamina.io.ModelFormatException;
import dev.lamina.models.Gradients;
import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An executor's model replicas, one per (training run, partition), built once from the run's
 * archive and overwritten with the broadcast state at every task, so that a task's result depends
 * only on its inputs (a retried or moved task gives the same bits) while the architecture is not
 * parsed again at every step. The oldest replicas are dropped past a bound.
 */
final class Replicas {
    private static final int MAX = 64;
    private static final Map<String, Replica> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Replica> eldest) {
            return size() > MAX;
        }
    };

    private Replicas() {}

    /** The replica of run {@code run}'s model for {@code partition}, built from {@code archive} on first use. */
    static Replica get(String run, int partition, byte[] archive) {
        String key = run + "/" + partition;
        synchronized (CACHE) {
            Replica r = CACHE.get(key);
            if (r != null) {
                return r;
            }
        }
        Replica built = new Replica(load(archive));
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(key, k -> built);
        }
    }

    /** A new replica of run {@code run}'s model for {@code partition}, in place of the cached one. */
    static Replica fresh(String run, int partition, byte[] archive) {
        Replica built = new Replica(load(archive));
        synchronized (CACHE) {
            CACHE.put(run + "/" + partition, built);
        }
        return built;
    }

    static Sequential load(byte[] archive) {
        try {
            return ModelFiles.load(ModelArchive.read(archive, "the training run's model"), "the training run's model");
        } catch (ModelFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A model and its gradient holder; one task at a time uses it. */
    static final class Replica {
        final Sequential model;
        final Gradients gradients;

        Replica(Sequential model) {
            this.model = model;
            this.gradients = model.newGradients();
        }
    }
}
