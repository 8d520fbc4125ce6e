package dev.lamina.optimizers;

import java.util.List;
import java.util.Locale;

/**
 * Optimizers by Keras name ({@code "sgd"}, {@code "adam"}, {@code "adamw"}, {@code "rmsprop"},
 * {@code "adagrad"}, {@code "nadam"}, {@code "adamax"}, {@code "adadelta"}, {@code "lion"}).
 */
public final class Optimizers {
    private static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "nadam", "adamax",
            "adadelta", "lion");

    private Optimizers() {}

    /**
     * A fresh optimizer with Keras' defaults; the name is case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Optimizer get(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            case "nadam" -> new Nadam();
            case "adamax" -> new Adamax();
            case "adadelta" -> new Adadelta();
            case "lion" -> new Lion();
            default -> throw new IllegalArgumentException("Unknown optimizer '" + name + "'; valid names: "
                    + String.join(", ", NAMES) + ".");
        };
    }

    /**
     * An optimizer from Keras' class name and config (as {@link Optimizer#config()} writes it):
     * learning rate (a number or a schedule), clipping, weight decay and the optimizer's own arguments.
     *
     * @throws IllegalArgumentException for an unknown class or a bad value, naming it
     */
    public static Optimizer fromConfig(String className, java.util.Map<String, Object> config) {
        java.util.Map<String, Object> c = config == null ? java.util.Map.of() : config;
        Optimizer o = get(className);
        Object lr = c.get("learning_rate");
        if (lr instanceof Number n) {
            o.learningRate(n.doubleValue());
        } else if (lr instanceof java.util.Map<?, ?> m) {
            o.learningRate(Schedules.fromConfig(m));
        }
        double wd = num(c, "weight_decay", Double.NaN);
        if (!Double.isNaN(wd)) {
            o.weightDecay(wd);
        }
        double clipnorm = num(c, "clipnorm", Double.NaN);
        if (!Double.isNaN(clipnorm)) {
            o.clipnorm(clipnorm);
        }
        double global = num(c, "global_clipnorm", Double.NaN);
        if (!Double.isNaN(global)) {
            o.globalClipnorm(global);
        }
        double clipvalue = num(c, "clipvalue", Double.NaN);
        if (!Double.isNaN(clipvalue)) {
            o.clipvalue(clipvalue);
        }
        Object accumulation = c.get("gradient_accumulation_steps");
        if (accumulation != null) {
            if (!(accumulation instanceof Integer steps)) {
                throw new IllegalArgumentException("Optimizer argument 'gradient_accumulation_steps' must be an integer"
                        + " >= 2 or null, received " + accumulation + ".");
            }
            o.gradientAccumulationSteps(steps);
        }
        if (o instanceof SGD sgd) {
            sgd.momentum(num(c, "momentum", 0)).nesterov(Boolean.TRUE.equals(c.get("nesterov")));
        } else if (o instanceof MomentOptimizer<?> moments) {
            moments.betas(num(c, "beta_1", 0.9), num(c, "beta_2", 0.999)).epsilon(num(c, "epsilon", 1e-7));
            if (o instanceof Adam adam) {
                adam.amsgrad(Boolean.TRUE.equals(c.get("amsgrad")));
            }
        } else if (o instanceof RMSprop rms) {
            rms.rho(num(c, "rho", 0.9)).momentum(num(c, "momentum", 0)).epsilon(num(c, "epsilon", 1e-7))
                    .centered(Boolean.TRUE.equals(c.get("centered")));
        } else if (o instanceof Adadelta delta) {
            delta.rho(num(c, "rho", 0.95)).epsilon(num(c, "epsilon", 1e-7));
        } else if (o instanceof Lion lion) {
            lion.betas(num(c, "beta_1", 0.9), num(c, "beta_2", 0.99));
        } else if (o instanceof Adagrad ada) {
            ada.initialAccumulatorValue(num(c, "initial_accumulator_value", 0.1));
        }
        return o;
    }

    private static double num(java.util.Map<String, Object> c, String key, double dflt) {
        return dev.lamina.util.ConfigValues.number(c, key, dflt, "Optimizer");
    }

    /** The valid names. */
    public static List<String> names() {
        return NAMES;
    }
}
