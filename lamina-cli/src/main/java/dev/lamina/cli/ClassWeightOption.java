package dev.lamina.cli;

import dev.lamina.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --class-weight}: {@code balanced} (scikit-learn's rule: rows / (classes x rows of the
 * class), from the training targets) or explicit {@code class=weight} pairs ({@code 0=1,1=3.5}),
 * turned into Keras' {@code class_weight} map.
 */
final class ClassWeightOption {
    private ClassWeightOption() {}

    /** The class weights {@code spec} asks for, given the training targets {@code y} (one column of labels). */
    static Map<Integer, Double> parse(String spec, Tensor y) {
        if (spec.equals("balanced")) {
            return balanced(y);
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String[] kv = pair.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--class-weight takes 'balanced' or class=weight pairs such as"
                        + " 0=1,1=3.5; '" + pair.trim() + "' is neither.");
            }
            try {
                int k = Integer.parseInt(kv[0].trim());
                double v = Double.parseDouble(kv[1].trim());
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                if (out.put(k, v) != null) {
                    throw new IllegalArgumentException("--class-weight names class " + k + " twice; name it once.");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--class-weight '" + pair.trim() + "': give an integer class and a"
                        + " finite weight >= 0, as in 1=3.5.", e);
            }
        }
        return out;
    }

    private static Map<Integer, Double> balanced(Tensor y) {
        if (y.cols() != 1) {
            throw new IllegalArgumentException("--class-weight balanced needs one target column of class labels; the"
                    + " target has " + y.cols() + " columns.");
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        for (float v : y.data()) {
            int label = (int) Math.rint(v);
            if (label != v) {
                throw new IllegalArgumentException("--class-weight balanced needs integer class labels; the target"
                        + " holds " + v + ".");
            }
            counts.merge(label, 1, Integer::sum);
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        double rows = y.rows();
        counts.forEach((k, n) -> out.put(k, rows / (counts.size() * (double) n)));
        return out;
    }
}
