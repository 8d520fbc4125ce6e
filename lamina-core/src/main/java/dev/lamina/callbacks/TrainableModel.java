package dev.lamina.callbacks;

import dev.lamina.optimizers.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a callback may see and do of the model it watches: stop its training, read and set its
 * weights, reach its optimizer (for the learning rate), save it. {@code Sequential} implements it;
 * callbacks depend on this view, not on the model class, so the package of callbacks sits below
 * the package of models.
 */
public interface TrainableModel {
    /** Asks training to stop after the current batch (or epoch, as the loop checks). */
    void stopTraining(boolean stop);

    /** Whether a callback asked training to stop. */
    boolean stopTraining();

    /** Copies of all weights' values, in the model's weight order. */
    List<float[]> getWeights();

    /** Sets all weights' values, in the model's weight order. */
    void setWeights(List<float[]> values);

    /** The optimizer set by compile, or null. */
    Optimizer optimizer();

    /** Saves the whole model (architecture, weights, optimizer state, preprocessing), atomically. */
    void save(Path path) throws IOException;

    /** Saves the weights alone, atomically. */
    void saveWeights(Path path) throws IOException;
}
