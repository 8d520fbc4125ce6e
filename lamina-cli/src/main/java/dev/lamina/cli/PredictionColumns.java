package dev.lamina.cli;

import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.models.Preprocessing;
import dev.lamina.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the columns of {@code lamina predict}'s output mean for a model: one column per output
 * named after it, and for a classifier a {@code predicted} column with the most probable class.
 *
 * <p>A model is a multi-class classifier when it has several outputs and its loss is a categorical
 * cross-entropy or its last activation is softmax; its columns are named after the classes (the
 * target columns of a one-hot target, else the class indices {@code 0..k-1} of integer labels). It
 * is a binary classifier when it has one output and its loss is the binary cross-entropy or its last
 * activation is sigmoid; {@code predicted} is then 1 where the probability exceeds 0.5 (Keras'
 * threshold). Any other model is a regressor, with no {@code predicted} column.
 *
 * <p>A model trained on a text target keeps its class labels: a multi-class model's columns are
 * named after them, and {@code predicted} writes the label (for a binary model, the label of
 * class 0 or 1).
 *
 * @param outputs the name of each output column, in the model's output order
 * @param kind what the model predicts
 * @param binaryLabels the labels of classes 0 and 1 of a binary model with a text target, or null
 */
record PredictionColumns(List<String> outputs, Kind kind, List<String> binaryLabels) {
    /** What a model predicts. */
    enum Kind {
        /** Numbers. */
        REGRESSION,
        /** The probability of class 1. */
        BINARY,
        /** One probability per class. */
        MULTI_CLASS
    }

    PredictionColumns {
        outputs = List.copyOf(outputs);
    }

    /** The columns for {@code model}, whose outputs number {@code outputCount}. */
    static PredictionColumns of(Sequential model, int outputCount) {
        Preprocessing p = model.preprocessing();
        List<String> targets = p == null ? List.of() : p.targets();
        List<String> classes = p == null ? null : p.classes();
        String loss = model.loss() == null ? "" : model.loss().name();
        String activation = lastActivation(model);
        if (outputCount > 1 && (loss.contains("categorical_crossentropy") || activation.equals("softmax"))) {
            List<String> names = classes != null && classes.size() == outputCount ? classes
                    : targets.size() == outputCount ? targets : indices(outputCount);
            return new PredictionColumns(names, Kind.MULTI_CLASS, null);
        }
        List<String> names = targets.size() == outputCount ? targets
                : outputCount == 1 ? List.of("prediction") : prefixed(outputCount);
        if (outputCount == 1 && (loss.equals("binary_crossentropy") || activation.equals("sigmoid"))) {
            return new PredictionColumns(names, Kind.BINARY, classes != null && classes.size() == 2 ? classes : null);
        }
        return new PredictionColumns(names, Kind.REGRESSION, null);
    }

    /** Whether the output ends with a {@code predicted} column. */
    boolean classifies() {
        return kind != Kind.REGRESSION;
    }

    /** The predicted class of a row of outputs. */
    String predicted(float[] row) {
        if (kind == Kind.BINARY) {
            int c = row[0] > 0.5f ? 1 : 0;
            return binaryLabels == null ? Integer.toString(c) : binaryLabels.get(c);
        }
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return outputs.get(best);
    }

    /** The activation of the model's last layer (a Dense layer's or an Activation layer's), lower case, or "". */
    static String lastActivation(Sequential model) {
        List<Layer> layers = model.layers();
        if (layers.isEmpty()) {
            return "";
        }
        LayerConfig c = layers.get(layers.size() - 1).config();
        if (c instanceof Dense.Config d) {
            return d.activation().toLowerCase(Locale.ROOT);
        }
        if (c instanceof Activation.Config a) {
            return a.activation().toLowerCase(Locale.ROOT);
        }
        return "";
    }

    private static List<String> indices(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static List<String> prefixed(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("prediction_" + i);
        }
        return names;
    }
}
