package dev.lamina.activations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in activations by Keras name, with Keras 3's formulas and defaults.
 *
 * <ul>
 *   <li>{@code linear}: x</li>
 *   <li>{@code relu}: max(x, 0)</li>
 *   <li>{@code leaky_relu}: x if x ≥ 0 else 0.2·x (Keras' function default; the {@code LeakyReLU}
 *       layer's default slope is 0.3); its gradient at exactly 0 is the slope, as Keras computes it
 *       on TensorFlow, its default backend (on JAX it is 1)</li>
 *   <li>{@code elu}: x if x &gt; 0 else exp(x) − 1 (alpha 1)</li>
 *   <li>{@code selu}: scale·(x if x &gt; 0 else alpha·(exp(x) − 1)), alpha = 1.67326324,
 *       scale = 1.05070098 (Klambauer et al. 2017); gradient at exactly 0: scale, as on TensorFlow
 *       (on JAX scale·alpha)</li>
 *   <li>{@code relu6}: min(max(x, 0), 6); {@code celu}: max(x, 0) + expm1(min(x, 0)) (alpha 1)</li>
 *   <li>{@code hard_silu} (alias {@code hard_swish}): x·relu6(x + 3)/6; {@code mish}: x·tanh(softplus(x))</li>
 *   <li>{@code log_sigmoid}: −softplus(−x); {@code squareplus}: (x + √(x² + 4))/2</li>
 *   <li>{@code sparse_plus}: 0, (x + 1)²/4, x for x ≤ −1, between, ≥ 1; {@code sparse_sigmoid}:
 *       clip(x + 1, 0, 2)/2</li>
 *   <li>{@code hard_tanh}: clip(x, −1, 1); {@code tanh_shrink}: x − tanh(x); {@code hard_shrink}:
 *       x where |x| &gt; 0.5 else 0; {@code soft_shrink}: x ∓ 0.5 beyond ±0.5, else 0</li>
 *   <li>{@code log_softmax}: x − log Σ exp(x) along the last axis; {@code sparsemax}: the
 *       projection of the row onto the probability simplex (Martins &amp; Astudillo 2016)</li>
 * </ul>
 *
 * <p>At the kinks (exactly 0, ±1, ±0.5...) a gradient is whatever automatic differentiation
 * makes of the formula, and Keras' backends differ there; Lamina gives TensorFlow's, Keras'
 * default backend: leaky_relu's slope and selu's scale at 0, celu 2 at 0, sparse_sigmoid 0 at ±1
 * (JAX: 1, scale·alpha, 1 and 0.25).
 *
 * <ul>
 *   <li>{@code gelu}: x·Φ(x) = 0.5·x·(1 + erf(x/√2)), the exact form (Keras' default
 *       {@code approximate=False}; Hendrycks &amp; Gimpel 2016)</li>
 *   <li>{@code sigmoid}: 1 / (1 + exp(−x))</li>
 *   <li>{@code hard_sigmoid}: relu6(x + 3) / 6, i.e. clip(x/6 + 1/2, 0, 1) (Keras 3; Keras 2 used slope 0.2)</li>
 *   <li>{@code tanh}</li>
 *   <li>{@code keras2_hard_sigmoid}: clip(0.2 x + 0.5, 0, 1), Keras 2's hard sigmoid (for models
 *       imported from Keras 2 files; not a Keras 3 name)</li>
 *   <li>{@code softmax}: along the last axis</li>
 *   <li>{@code softplus}: log(1 + exp(x)), computed stably</li>
 *   <li>{@code softsign}: x / (1 + |x|)</li>
 *   <li>{@code silu} (alias {@code swish}): x·sigmoid(x) (Ramachandran et al. 2017)</li>
 *   <li>{@code exponential}: exp(x)</li>
 * </ul>
 */
public final class Activations {
    /** SELU's alpha (Klambauer et al. 2017). */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale (Klambauer et al. 2017). */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;
    /** The slope for negative inputs of the {@code leaky_relu} function. */
    public static final double LEAKY_RELU_SLOPE = 0.2;

    private static final double INV_SQRT2 = 0.70710678118654752440;
    private static final double INV_SQRT_2PI = 0.39894228040143267794;

    private static final Map<String, ActivationFunction> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("swish", "silu", "hard_swish", "hard_silu");

    static {
        add(new Elementwise("linear", x -> x, (x, y) -> 1));
        add(Relu.INSTANCE);
        add(leakyRelu("leaky_relu", LEAKY_RELU_SLOPE));
        add(elu("elu", 1.0));
        add(new Elementwise("selu", x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
                (x, y) -> SELU_SCALE * (x >= 0 ? 1 : SELU_ALPHA * Math.exp(x))));
        add(new Elementwise("gelu", x -> 0.5 * x * (1 + Erf.erf(x * INV_SQRT2)),
                (x, y) -> 0.5 * (1 + Erf.erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)));
        add(new Elementwise("sigmoid", Activations::sigmoid, (x, y) -> y * (1 - y)));
        add(new Elementwise("hard_sigmoid", x -> Math.min(Math.max(x + 3, 0), 6) / 6,
                (x, y) -> x > -3 && x < 3 ? 1.0 / 6 : 0));
        add(new Elementwise("tanh", Math::tanh, (x, y) -> 1 - y * y));
        add(new Elementwise("keras2_hard_sigmoid", x -> Math.min(Math.max(0.2 * x + 0.5, 0), 1),
                (x, y) -> x > -2.5 && x < 2.5 ? 0.2 : 0));
        add(Softmax.INSTANCE);
        add(new Elementwise("softplus", x -> Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0),
                (x, y) -> sigmoid(x)));
        add(new Elementwise("softsign", x -> x / (1 + Math.abs(x)),
                (x, y) -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)))));
        add(new Elementwise("silu", x -> x * sigmoid(x), (x, y) -> {
            double s = sigmoid(x);
            return s + x * s * (1 - s);
        }));
        add(new Elementwise("exponential", Math::exp, (x, y) -> y));
        add(new Elementwise("relu6", x -> Math.min(Math.max(x, 0), 6), (x, y) -> x > 0 && x < 6 ? 1 : 0));
        add(new Elementwise("celu", x -> Math.max(x, 0) + Math.expm1(Math.min(x, 0)),
                (x, y) -> x > 0 ? 1 : x < 0 ? Math.exp(x) : 2)); // 2 at 0: both branches' 1, as TensorFlow differentiates
        add(new Elementwise("hard_silu", x -> x * Math.min(Math.max(x + 3, 0), 6) / 6,
                (x, y) -> x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6));
        add(new Elementwise("mish", x -> x * Math.tanh(softplus(x)), (x, y) -> {
            double t = Math.tanh(softplus(x));
            return t + x * (1 - t * t) * sigmoid(x);
        }));
        add(new Elementwise("log_sigmoid", x -> -softplus(-x), (x, y) -> sigmoid(-x)));
        add(new Elementwise("squareplus", x -> (x + Math.sqrt(x * x + 4)) / 2,
                (x, y) -> (1 + x / Math.sqrt(x * x + 4)) / 2));
        add(new Elementwise("sparse_plus", x -> x <= -1 ? 0 : x >= 1 ? x : (x + 1) * (x + 1) / 4,
                (x, y) -> x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2));
        add(new Elementwise("sparse_sigmoid", x -> Math.min(Math.max(x + 1, 0), 2) / 2,
                (x, y) -> x > -1 && x < 1 ? 0.5 : 0));
        add(new Elementwise("hard_tanh", x -> Math.min(Math.max(x, -1), 1), (x, y) -> x >= -1 && x <= 1 ? 1 : 0));
        add(new Elementwise("tanh_shrink", x -> x - Math.tanh(x), (x, y) -> Math.tanh(x) * Math.tanh(x)));
        add(new Elementwise("hard_shrink", x -> Math.abs(x) > 0.5 ? x : 0, (x, y) -> Math.abs(x) > 0.5 ? 1 : 0));
        add(new Elementwise("soft_shrink", x -> x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0,
                (x, y) -> Math.abs(x) > 0.5 ? 1 : 0));
        add(LogSoftmax.INSTANCE);
        add(Sparsemax.INSTANCE);
    }

    private Activations() {}

    private static void add(ActivationFunction f) {
        BY_NAME.put(f.name(), f);
    }

    /**
     * The activation named {@code name} (Keras names; {@code null} or empty means {@code linear}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static ActivationFunction get(String name) {
        if (name == null || name.isEmpty()) {
            return BY_NAME.get("linear");
        }
        ActivationFunction f = BY_NAME.get(ALIASES.getOrDefault(name, name));
        if (f == null) {
            throw new IllegalArgumentException("Unknown activation '" + name + "'; valid names: "
                    + String.join(", ", names()) + ".");
        }
        return f;
    }

    /** The valid names, aliases included. */
    public static List<String> names() {
        List<String> all = new java.util.ArrayList<>(BY_NAME.keySet());
        all.addAll(ALIASES.keySet());
        return Collections.unmodifiableList(all);
    }

    /** {@code leaky_relu} with another slope for negative inputs. */
    public static ActivationFunction leakyRelu(String name, double slope) {
        return new Elementwise(name, x -> x >= 0 ? x : slope * x, (x, y) -> x > 0 ? 1 : slope);
    }

    /** log(1 + exp(x)), stable for large |x|. */
    static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
    }

    /**
     * Keras' general {@code relu(x, negative_slope, max_value, threshold)}, as its ReLU layer
     * computes it: {@code min(x, maxValue)} above {@code threshold}, else 0, less
     * {@code negativeSlope * max(threshold - x, 0)}. With a slope and neither a maximum nor a
     * threshold it is {@link #leakyRelu}. The gradient is 1 strictly between the threshold and the
     * maximum and the slope below the threshold.
     *
     * @param maxValue the largest output, or null for none
     */
    public static ActivationFunction relu(String name, double negativeSlope, Double maxValue, double threshold) {
        if (negativeSlope != 0 && maxValue == null && threshold == 0) {
            return leakyRelu(name, negativeSlope);
        }
        // Keras casts the threshold and the ceiling to the input's float32 before comparing.
        double t = (float) threshold;
        double max = maxValue == null ? Double.POSITIVE_INFINITY : (float) (double) maxValue;
        return new Elementwise(name, x -> (x > t ? Math.min(x, max) : 0) - negativeSlope * Math.max(t - x, 0),
                (x, y) -> (x > t && x < max ? 1 : 0) + (x < t ? negativeSlope : 0));
    }

    /** {@code elu} with another alpha. */
    public static ActivationFunction elu(String name, double alpha) {
        return new Elementwise(name, x -> x > 0 ? x : alpha * Math.expm1(x),
                (x, y) -> x > 0 ? 1 : alpha * Math.exp(x));
    }

    /** The logistic sigmoid in double, stable for large |x|. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
