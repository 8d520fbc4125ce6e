package dev.lamina.layers.regularization;

import dev.lamina.activations.Activations;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.core.ElementwiseLayer;
import dev.lamina.regularizers.L1L2;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Keras' {@code ActivityRegularization}: passes its inputs on unchanged and adds
 * {@code (l1 * sum(|x|) + l2 * sum(x²)) / rows} of each batch to the training loss (and to the
 * reported {@code loss} and {@code val_loss}), so that training keeps the previous layer's outputs
 * small or sparse. The same penalty as any layer's {@link #activityRegularizer()}; predictions do
 * not change.
 *
 * <pre>{@code model.add(ActivityRegularization.of(1e-4, 0));}</pre>
 */
public final class ActivityRegularization extends ElementwiseLayer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param l1 the L1 factor, finite and &gt;= 0 (Keras' default 0)
     * @param l2 the L2 factor, finite and &gt;= 0 (Keras' default 0)
     */
    public record Config(String name, double l1, double l2) implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.arg(l1 >= 0 && Double.isFinite(l1), "ActivityRegularization", "l1", l1, "a finite number >= 0");
            Check.arg(l2 >= 0 && Double.isFinite(l2), "ActivityRegularization", "l2", l2, "a finite number >= 0");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, true);
            m.put("l1", l1);
            m.put("l2", l2);
            return m;
        }

        /** Reads a Keras-shaped config. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("ActivityRegularization config", map);
            return new Config(c.string("name", null), c.number("l1", 0), c.number("l2", 0));
        }
    }

    private final Config config;
    private final L1L2 penalty;

    /** An ActivityRegularization layer with {@code config}. */
    public ActivityRegularization(Config config) {
        super(config.name(), Activations.get("linear"));
        this.config = config;
        this.penalty = L1L2.of(config.l1(), config.l2());
    }

    /** {@code ActivityRegularization(l1, l2)}. */
    public static ActivityRegularization of(double l1, double l2) {
        return new ActivityRegularization(new Config(null, l1, l2));
    }

    @Override
    public String className() {
        return "ActivityRegularization";
    }

    @Override
    public Config config() {
        return new Config(name(), config.l1(), config.l2());
    }

    /** The layer's own penalty, {@code L1L2(l1, l2)}. */
    @Override
    public Regularizer activityRegularizer() {
        return penalty;
    }

    /** Refused: this layer's penalty is its {@code l1} and {@code l2}; make a new layer for others. */
    @Override
    public void setActivityRegularizer(Regularizer regularizer) {
        throw new UnsupportedOperationException(this + ": its penalty is its l1 and l2 (" + config.l1() + ", "
                + config.l2() + "); make a new ActivityRegularization layer for another.");
    }
}
