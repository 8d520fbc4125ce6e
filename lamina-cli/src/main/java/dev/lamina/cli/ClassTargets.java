package dev.lamina.cli;

import dev.lamina.data.ColumnNames;
import dev.lamina.losses.BinaryCrossentropy;
import dev.lamina.losses.CategoricalCrossentropy;
import dev.lamina.losses.Loss;
import dev.lamina.losses.SparseCategoricalCrossentropy;
import java.util.List;

/**
 * Checks that a text target's classes meet a loss and a last layer that can learn them. The CLI
 * writes such a target as class indices (0 to n - 1, the labels in sorted order), which any loss
 * accepts as numbers: with the default {@code mae}, or a binary loss on three classes, training
 * ran and fitted the indices. Keras has no such case, since it never encodes labels itself.
 */
final class ClassTargets {
    private ClassTargets() {}

    /**
     * The loss for a text target when none is given, chosen from the classes and the last layer:
     * {@code binary_crossentropy} for two classes and one sigmoid unit, {@code
     * sparse_categorical_crossentropy} for one softmax unit per class.
     *
     * @param activation the last layer's activation, lower case
     * @throws IllegalArgumentException naming the last layer that would fit the classes
     */
    static String lossFor(String target, List<String> classes, int outputs, String activation) {
        int n = classes.size();
        String labels = labels(target, classes);
        String head = "a last layer dense(" + n + ", softmax)" + (n == 2 ? " or dense(1, sigmoid)" : "");
        if (n == 2 && outputs == 1) {
            if (!activation.equals("sigmoid")) {
                throw new IllegalArgumentException(labels + ": its model needs " + head + " to give probabilities;"
                        + " this model's last layer has no sigmoid.");
            }
            return "binary_crossentropy";
        }
        if (outputs == n) {
            if (!activation.equals("softmax")) {
                throw new IllegalArgumentException(labels + ": its model needs " + head + " to give probabilities;"
                        + " this model's last layer has no softmax.");
            }
            return "sparse_categorical_crossentropy";
        }
        throw new IllegalArgumentException(labels + ": its model needs " + head + "; this model's last layer has "
                + outputs + (outputs == 1 ? " unit." : " units."));
    }

    /** How errors name the target: {@code 'kind' holds class labels (3: bird, cat, spider)}. */
    private static String labels(String target, List<String> classes) {
        return "'" + target + "' holds class labels (" + classes.size() + ": " + ColumnNames.listed(classes) + ")";
    }

    /**
     * @param target the target column's name
     * @param classes its classes, in the order of their indices
     * @param loss the compiled loss
     * @param outputs the last layer's units
     * @throws IllegalArgumentException naming the loss and the last layer that would fit the classes
     */
    static void check(String target, List<String> classes, Loss loss, int outputs) {
        int n = classes.size();
        String fit = "use --loss sparse_categorical_crossentropy with a last layer dense(" + n + ", softmax)"
                + (n == 2 ? ", or binary_crossentropy with dense(1, sigmoid)" : "") + ".";
        String labels = labels(target, classes);
        if (loss instanceof SparseCategoricalCrossentropy) {
            if (outputs != n) {
                throw new IllegalArgumentException(labels + ", so sparse_categorical_crossentropy needs a last layer"
                        + " of " + n + " units, as dense(" + n + ", softmax); this model's has " + outputs + ".");
            }
        } else if (loss instanceof BinaryCrossentropy) {
            if (n != 2) {
                throw new IllegalArgumentException(labels + "; binary_crossentropy takes two classes: " + fit);
            }
            if (outputs != 1) {
                throw new IllegalArgumentException(labels + "; binary_crossentropy on two classes needs a last layer"
                        + " of 1 unit, as dense(1, sigmoid); this model's has " + outputs + ".");
            }
        } else if (loss instanceof CategoricalCrossentropy) {
            throw new IllegalArgumentException(labels + ", written as class indices, and categorical_crossentropy"
                    + " expects one-hot columns: " + fit);
        } else {
            throw new IllegalArgumentException(labels + ", and " + loss.name() + " is a regression loss: it would fit"
                    + " the classes' indices as numbers; " + fit);
        }
    }
}
