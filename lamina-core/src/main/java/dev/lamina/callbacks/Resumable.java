package dev.lamina.callbacks;

import java.util.List;
import java.util.Map;

/**
 * A callback whose state survives an interruption: {@code fit} with a backup folder saves it with
 * the model and restores it when the run resumes, so the resumed run decides exactly as the
 * uninterrupted one would (EarlyStopping's wait and best, ReduceLROnPlateau's cooldown, History).
 */
public interface Resumable {
    /** The state as JSON-friendly values (numbers, strings, lists, maps). */
    Map<String, Object> state();

    /** Arrays that belong to the state (e.g. the best weights), saved as tensors. */
    default List<float[]> arrays() {
        return List.of();
    }

    /** Restores a state (called after {@code onTrainBegin} of the resumed run). */
    void restore(Map<String, Object> state, List<float[]> arrays);
}
