package dev.lamina.optimizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Adam, Nadam and Adamax share: the decay rates of the first and second moment estimates
 * ({@code beta_1}, {@code beta_2}, each in [0, 1); Keras' defaults 0.9 and 0.999) and
 * {@code epsilon} (positive; 1e-7), set fluently, checked, and written to the config.
 *
 * @param <T> the optimizer's own type, which the setters return
 */
public abstract class MomentOptimizer<T extends MomentOptimizer<T>> extends Optimizer {
    /** The first moment's decay rate. */
    protected double beta1 = 0.9;
    /** The second moment's decay rate. */
    protected double beta2 = 0.999;
    /** Added to the denominator for numerical stability. */
    protected double epsilon = 1e-7;

    /** An optimizer with this default learning rate. */
    protected MomentOptimizer(double learningRate) {
        super(learningRate);
    }

    /** Sets beta1 and beta2, each in [0, 1). */
    @SuppressWarnings("unchecked")
    public T betas(double beta1, double beta2) {
        Check.arg(beta1 >= 0 && beta1 < 1, className(), "beta_1", beta1, "a number in [0, 1)");
        Check.arg(beta2 >= 0 && beta2 < 1, className(), "beta_2", beta2, "a number in [0, 1)");
        this.beta1 = beta1;
        this.beta2 = beta2;
        betasChanged();
        return (T) this;
    }

    /** Sets epsilon, positive. */
    @SuppressWarnings("unchecked")
    public T epsilon(double epsilon) {
        Check.arg(epsilon > 0, className(), "epsilon", epsilon, "a positive number");
        this.epsilon = epsilon;
        return (T) this;
    }

    /** Called after {@link #betas} changed them (for state derived from them); nothing by default. */
    protected void betasChanged() {}

    @Override
    protected Map<String, Object> ownConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }
}
