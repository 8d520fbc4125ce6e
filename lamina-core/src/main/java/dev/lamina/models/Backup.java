package dev.lamina.models;

import dev.lamina.util.Check;
import java.nio.file.Path;

/**
 * Where and how often {@code fit} backs up its whole state (Keras' {@code BackupAndRestore}): at the
 * end of every epoch and, if {@code everySteps > 0}, every that many steps within an epoch. When the
 * folder holds a backup at the start of {@code fit}, training resumes from it: weights, optimizer
 * state, BatchNormalization statistics, noise counters, the epoch's running loss and metrics,
 * History and the callbacks' state, so the resumed run ends bit-identical to an uninterrupted one
 * with the same seed (and the same model, options and callbacks). The backup is deleted when
 * {@code fit} finishes.
 *
 * @param dir the backup folder (created if needed)
 * @param everySteps also back up every this many steps (0: epoch ends only)
 */
public record Backup(Path dir, int everySteps) {
    /** Validates the arguments. */
    public Backup {
        Check.notNull(dir, "Backup", "dir");
        Check.arg(everySteps >= 0, "Backup", "everySteps", everySteps, "an integer >= 0");
    }

    /** The backup file in the folder. */
    public Path file() {
        return dir.resolve("backup.lamina");
    }
}
