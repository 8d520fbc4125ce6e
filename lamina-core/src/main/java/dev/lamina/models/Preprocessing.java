package dev.lamina.models;

import dev.lamina.data.Scaler;
import java.util.List;

/**
 * What turns raw rows into the model's inputs and its outputs back into raw values, saved with the
 * model so that {@code predict} on a saved model takes raw rows.
 *
 * @param features the input column names, in order
 * @param targets the output column names, in order
 * @param featureScaler the scaler fitted on the training inputs, or null
 * @param targetScaler the scaler fitted on the training targets, or null
 */
public record Preprocessing(List<String> features, List<String> targets, Scaler featureScaler, Scaler targetScaler) {
    /** Copies the lists. */
    public Preprocessing {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
    }
}
