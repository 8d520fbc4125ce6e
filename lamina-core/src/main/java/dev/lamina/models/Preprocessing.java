package dev.lamina.models;

import dev.lamina.data.EncodeReport;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.Scaler;
import dev.lamina.data.Table;
import dev.lamina.data.TableToDataset;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What turns raw rows into the model's inputs and its outputs back into raw values, part of the
 * model and saved with it (as the preprocessing layers inside a Keras model).
 *
 * <p>A {@link Sequential} with a preprocessing takes raw rows everywhere: {@code fit},
 * {@code trainOnBatch}, {@code evaluate} and {@code predict} apply {@link #inputs} to the rows they
 * are given and {@link #targets} to the targets, and {@code predict} returns {@link #outputs} of
 * the network's outputs. So {@code Sequential.load(file).predict(rawRows)} gives what
 * {@code lamina predict} gives for the same rows, bit for bit: the command runs the same code.
 *
 * @param features the input column names, in order
 * @param targets the output column names, in order
 * @param featureScaler the scaler fitted on the training inputs, or null
 * @param targetScaler the scaler fitted on the training targets, or null; losses and metrics are
 *     then those of the scaled targets, as during training
 * @param featureSpec how table columns become the inputs (imputing, scaling, one-hot encoding),
 *     or null. With a spec, raw rows are tables ({@link dev.lamina.models.Sequential#predict(Table)}),
 *     tensors are the spec's encoded rows, {@code features} are its output names and there is no
 *     feature scaler (the spec scales).
 * @param classes the class labels of a single text target, in index order (class {@code i} is
 *     {@code classes.get(i)}), or null for numeric targets; tables' targets are then turned into
 *     indices, and predictions name the classes
 */
public record Preprocessing(List<String> features, List<String> targets, Scaler featureScaler, Scaler targetScaler,
                            FeatureSpec featureSpec, List<String> classes) {
    /** The most class labels a model may keep. */
    public static final int MAX_CLASSES = 1 << 16;

    /**
     * Copies the lists and checks them: names present and distinct, scalers fitted on as many
     * columns as there are names.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public Preprocessing {
        features = List.copyOf(Check.notNull(features, "Preprocessing", "features"));
        targets = List.copyOf(Check.notNull(targets, "Preprocessing", "targets"));
        checkNames("feature", features);
        checkNames("target", targets);
        checkScaler("featureScaler", featureScaler, features.size(), "features");
        checkScaler("targetScaler", targetScaler, targets.size(), "targets");
        if (featureSpec != null) {
            Check.that(featureSpec.adapted(), "Preprocessing: the feature spec has not learned from training rows;"
                    + " adapt it first.");
            Check.that(featureScaler == null, "Preprocessing: a feature spec scales its own columns; give no"
                    + " feature scaler beside it.");
            Check.that(features.equals(featureSpec.outputNames()), "Preprocessing: with a feature spec, the features"
                    + " are the spec's output names.");
        }
        if (classes != null) {
            classes = List.copyOf(classes);
            Check.that(targets.size() == 1 && targetScaler == null, "Preprocessing: class labels need one target"
                    + " column and no target scaler.");
            Check.that(classes.size() >= 2 && classes.size() <= MAX_CLASSES, "Preprocessing: " + classes.size()
                    + " class labels; give 2 to " + MAX_CLASSES + ".");
            Set<String> seen = new HashSet<>();
            for (String c : classes) {
                Check.that(c != null && c.length() <= 1024 && seen.add(c), "Preprocessing: class labels must be"
                        + " distinct strings of at most 1024 characters.");
            }
        }
    }

    /** A preprocessing without class labels. */
    public Preprocessing(List<String> features, List<String> targets, Scaler featureScaler, Scaler targetScaler,
                         FeatureSpec featureSpec) {
        this(features, targets, featureScaler, targetScaler, featureSpec, null);
    }

    /** This preprocessing with the class labels of its text target (class {@code i} is {@code classes.get(i)}). */
    public Preprocessing withClasses(List<String> classes) {
        return new Preprocessing(features, targets, featureScaler, targetScaler, featureSpec, classes);
    }

    /** A preprocessing without a feature spec. */
    public Preprocessing(List<String> features, List<String> targets, Scaler featureScaler, Scaler targetScaler) {
        this(features, targets, featureScaler, targetScaler, null);
    }

    /** A preprocessing by a feature spec (adapted), with the target columns and their scaler (or null). */
    public static Preprocessing of(FeatureSpec spec, List<String> targets, Scaler targetScaler) {
        Check.notNull(spec, "Preprocessing", "featureSpec");
        return new Preprocessing(spec.outputNames(), targets, null, targetScaler, spec);
    }

    /**
     * The rows of {@code table} as the model's tensor methods take them: the spec's encoding when
     * there is a spec (missing and unseen values counted in {@code report}), else the feature
     * columns as numbers.
     */
    public Tensor rows(Table table, EncodeReport report) {
        if (featureSpec != null) {
            return featureSpec.transform(table, report);
        }
        return TableToDataset.of(table).features(features).featureRows();
    }

    /**
     * The target columns of {@code table} as numbers, as the model's tensor methods take them: class
     * indices for a text target with {@link #classes}, else the numbers in the cells.
     *
     * @throws dev.lamina.data.DataFormatException naming the line of a label training never saw
     */
    public Tensor targetRows(Table table) {
        return classes == null ? table.numbers(targets) : table.labels(targets.get(0), classes);
    }

    private static void checkNames(String what, List<String> names) {
        Check.that(!names.isEmpty(), "Preprocessing needs at least one " + what + " name.");
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            Check.that(n != null && !n.isEmpty(), "Preprocessing: a " + what + " name is empty.");
            Check.that(seen.add(n), "Preprocessing: " + what + " name '" + n + "' appears twice; names must be"
                    + " distinct.");
        }
    }

    private static void checkScaler(String argument, Scaler s, int columns, String what) {
        if (s == null) {
            return;
        }
        Check.that(s.fitted(), "Preprocessing: " + argument + " is not fitted; fit it on the training rows first.");
        Check.that(s.columns() == columns, "Preprocessing: " + argument + " was fitted on " + s.columns()
                + " columns but there are " + columns + " " + what + ".");
    }

    /**
     * Checks that this preprocessing fits a model with {@code inputs} input values and
     * {@code outputs} outputs per row: one feature name per input, and one target name per output
     * (or a single one, for integer class labels against one output per class).
     *
     * @throws IllegalArgumentException naming the mismatch
     */
    public void checkFits(int inputs, int outputs) {
        Check.that(features.size() == inputs, "Preprocessing has " + features.size() + " features but the model takes "
                + inputs + " inputs per row.");
        Check.that(targets.size() == outputs || targets.size() == 1, "Preprocessing has " + targets.size()
                + " targets " + targets + " but the model has " + outputs + " outputs; give one target per output,"
                + " or one target of class labels.");
    }

    /** The network's inputs for raw feature rows: the feature scaler applied, if there is one. */
    public Tensor inputs(Tensor rawRows) {
        return featureScaler == null ? rawRows : featureScaler.transform(rawRows);
    }

    /** The network's targets for raw target rows: the target scaler applied, if there is one. */
    public Tensor targets(Tensor rawTargets) {
        return targetScaler == null ? rawTargets : targetScaler.transform(rawTargets);
    }

    /** Raw-unit predictions for the network's outputs: the target scaler undone, if there is one. */
    public Tensor outputs(Tensor networkOutputs) {
        return targetScaler == null ? networkOutputs : targetScaler.inverseTransform(networkOutputs);
    }

    /** Raw-unit standard deviations for those of the network's outputs. */
    Tensor outputSpread(Tensor networkSpread) {
        return targetScaler == null ? networkSpread : targetScaler.inverseScale(networkSpread);
    }
}
