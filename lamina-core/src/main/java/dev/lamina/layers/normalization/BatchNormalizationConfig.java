package dev.lamina.layers.normalization;

import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Constant;
import dev.lamina.initializers.Initializer;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.LayerConfig;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.util.Check;
import java.util.List;
import java.util.Map;

/**
 * {@link BatchNormalization}'s arguments with Keras' names and defaults: axis -1, momentum 0.99,
 * epsilon 1e-3, center and scale on, beta/gamma/moving_mean/moving_variance initialized to zeros,
 * ones, zeros, ones; no regularizers or constraints; no renorm (renorm_momentum 0.99); no virtual
 * batch.
 *
 * @param name the layer name, or null for an automatic one
 * @param trainable whether gamma and beta train (and whether training uses batch statistics)
 * @param axis the channel axis, batch included (default -1)
 * @param momentum the moving averages' momentum, in [0, 1]
 * @param epsilon added to the variance, &gt; 0
 * @param center whether to add beta
 * @param scale whether to multiply by gamma
 * @param betaInitializer default zeros
 * @param gammaInitializer default ones
 * @param movingMeanInitializer default zeros
 * @param movingVarianceInitializer default ones
 * @param betaRegularizer default none
 * @param gammaRegularizer default none
 * @param betaConstraint default none
 * @param gammaConstraint default none
 * @param renorm whether to use batch renormalization
 * @param renormClipping renorm's bounds (default none)
 * @param renormMomentum the momentum of renorm's statistics, in [0, 1]
 * @param renormWarmup the paper's warm-up of the bounds, or null (a Lamina extension; Keras does not have it)
 * @param virtualBatchSize rows per ghost batch, or null for the whole batch (tf.keras 2's argument)
 */
public record BatchNormalizationConfig(String name, boolean trainable, int axis, double momentum, double epsilon,
                                       boolean center, boolean scale, Initializer betaInitializer,
                                       Initializer gammaInitializer, Initializer movingMeanInitializer,
                                       Initializer movingVarianceInitializer, Regularizer betaRegularizer,
                                       Regularizer gammaRegularizer, Constraint betaConstraint,
                                       Constraint gammaConstraint, boolean renorm, RenormClipping renormClipping,
                                       double renormMomentum, RenormWarmup renormWarmup, Integer virtualBatchSize)
        implements LayerConfig {
    /** Validates the arguments. */
    public BatchNormalizationConfig {
        Check.arg(momentum >= 0 && momentum <= 1, "BatchNormalization", "momentum", momentum, "a number in [0, 1]");
        Check.arg(epsilon > 0 && Double.isFinite(epsilon), "BatchNormalization", "epsilon", epsilon, "a number > 0");
        Check.arg(axis != 0, "BatchNormalization", "axis", axis, "a channel axis (not 0, the batch axis)");
        Check.arg(renormMomentum >= 0 && renormMomentum <= 1, "BatchNormalization", "renorm_momentum", renormMomentum,
                "a number in [0, 1]");
        Check.arg(virtualBatchSize == null || virtualBatchSize > 1, "BatchNormalization", "virtual_batch_size",
                virtualBatchSize, "an integer > 1, or null");
        Check.that(!(renorm && virtualBatchSize != null), "BatchNormalization: renorm and virtual_batch_size cannot"
                + " be combined; use one of them.");
        renormClipping = renormClipping == null ? RenormClipping.NONE : renormClipping;
        Check.that(renormWarmup == null || (renorm && renormClipping.rmax() != null && renormClipping.dmax() != null),
                "BatchNormalization: renorm_warmup needs renorm=true and renorm_clipping with rmax and dmax.");
        Check.notNull(betaInitializer, "BatchNormalization", "betaInitializer");
        Check.notNull(gammaInitializer, "BatchNormalization", "gammaInitializer");
        Check.notNull(movingMeanInitializer, "BatchNormalization", "movingMeanInitializer");
        Check.notNull(movingVarianceInitializer, "BatchNormalization", "movingVarianceInitializer");
    }

    /** Keras' defaults. */
    public static BatchNormalizationConfig defaults() {
        return new Builder().config();
    }

    /** This config with another name and trainable flag. */
    BatchNormalizationConfig with(String newName, boolean newTrainable) {
        return new BatchNormalizationConfig(newName, newTrainable, axis, momentum, epsilon, center, scale,
                betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer, betaRegularizer,
                gammaRegularizer, betaConstraint, gammaConstraint, renorm, renormClipping, renormMomentum,
                renormWarmup, virtualBatchSize);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = ConfigMap.layerBase(name, trainable);
        m.put("axis", axis);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        m.put("beta_initializer", ConfigMap.serialize(betaInitializer));
        m.put("gamma_initializer", ConfigMap.serialize(gammaInitializer));
        m.put("moving_mean_initializer", ConfigMap.serialize(movingMeanInitializer));
        m.put("moving_variance_initializer", ConfigMap.serialize(movingVarianceInitializer));
        m.put("beta_regularizer", ConfigMap.serialize(betaRegularizer));
        m.put("gamma_regularizer", ConfigMap.serialize(gammaRegularizer));
        m.put("beta_constraint", ConfigMap.serialize(betaConstraint));
        m.put("gamma_constraint", ConfigMap.serialize(gammaConstraint));
        m.put("synchronized", false);
        m.put("renorm", renorm);
        m.put("renorm_clipping", renorm ? renormClipping.toMap() : null);
        m.put("renorm_momentum", renormMomentum);
        if (renormWarmup != null) {
            m.put("renorm_warmup", renormWarmup.toMap());
        }
        if (virtualBatchSize != null) {
            m.put("virtual_batch_size", virtualBatchSize);
        }
        return m;
    }

    /** Reads a Keras-shaped config (Keras 2's list form of {@code axis}, e.g. {@code [1]}, too). */
    public static BatchNormalizationConfig fromMap(Map<String, Object> map) {
        ConfigMap c = new ConfigMap("BatchNormalization config", map);
        BatchNormalizationConfig d = defaults();
        Object axisValue = map == null ? null : map.get("axis");
        int axis = -1;
        if (axisValue instanceof List<?> list) {
            Check.that(list.size() == 1 && list.get(0) instanceof Number, "BatchNormalization config: 'axis' must"
                    + " be one axis; received " + list + ".");
            axis = ((Number) list.get(0)).intValue();
        } else if (axisValue != null) {
            axis = c.integer("axis", -1);
        }
        return new BatchNormalizationConfig(c.string("name", null), c.bool("trainable", true), axis,
                c.number("momentum", d.momentum()), c.number("epsilon", d.epsilon()), c.bool("center", true),
                c.bool("scale", true), c.initializer("beta_initializer", d.betaInitializer()),
                c.initializer("gamma_initializer", d.gammaInitializer()),
                c.initializer("moving_mean_initializer", d.movingMeanInitializer()),
                c.initializer("moving_variance_initializer", d.movingVarianceInitializer()),
                c.regularizer("beta_regularizer"), c.regularizer("gamma_regularizer"),
                c.constraint("beta_constraint"), c.constraint("gamma_constraint"), c.bool("renorm", false),
                RenormClipping.fromMap(map == null ? null : map.get("renorm_clipping")),
                c.number("renorm_momentum", d.renormMomentum()),
                RenormWarmup.fromMap(map == null ? null : map.get("renorm_warmup")),
                map == null || map.get("virtual_batch_size") == null ? null : c.integer("virtual_batch_size", 0));
    }

    /** Builds a {@link BatchNormalization} from Keras' defaults. */
    public static final class Builder {
        private String name;
        private boolean trainable = true;
        private int axis = -1;
        private double momentum = 0.99;
        private double epsilon = 1e-3;
        private boolean center = true;
        private boolean scale = true;
        private Initializer betaInitializer = Constant.ZEROS;
        private Initializer gammaInitializer = Constant.ONES;
        private Initializer movingMeanInitializer = Constant.ZEROS;
        private Initializer movingVarianceInitializer = Constant.ONES;
        private Regularizer betaRegularizer;
        private Regularizer gammaRegularizer;
        private Constraint betaConstraint;
        private Constraint gammaConstraint;
        private boolean renorm;
        private RenormClipping renormClipping = RenormClipping.NONE;
        private double renormMomentum = 0.99;
        private RenormWarmup renormWarmup;
        private Integer virtualBatchSize;

        /** The layer name. */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /** Whether gamma and beta train (default true). */
        public Builder trainable(boolean v) {
            trainable = v;
            return this;
        }

        /** The channel axis (default -1). */
        public Builder axis(int v) {
            axis = v;
            return this;
        }

        /** The moving averages' momentum (default 0.99). */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** Added to the variance (default 1e-3). */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** Whether to add beta (default true). */
        public Builder center(boolean v) {
            center = v;
            return this;
        }

        /** Whether to multiply by gamma (default true). */
        public Builder scale(boolean v) {
            scale = v;
            return this;
        }

        /** beta's initializer (default zeros). */
        public Builder betaInitializer(Initializer v) {
            betaInitializer = v;
            return this;
        }

        /** gamma's initializer (default ones). */
        public Builder gammaInitializer(Initializer v) {
            gammaInitializer = v;
            return this;
        }

        /** The moving mean's initializer (default zeros). */
        public Builder movingMeanInitializer(Initializer v) {
            movingMeanInitializer = v;
            return this;
        }

        /** The moving variance's initializer (default ones). */
        public Builder movingVarianceInitializer(Initializer v) {
            movingVarianceInitializer = v;
            return this;
        }

        /** beta's regularizer. */
        public Builder betaRegularizer(Regularizer v) {
            betaRegularizer = v;
            return this;
        }

        /** gamma's regularizer. */
        public Builder gammaRegularizer(Regularizer v) {
            gammaRegularizer = v;
            return this;
        }

        /** beta's constraint. */
        public Builder betaConstraint(Constraint v) {
            betaConstraint = v;
            return this;
        }

        /** gamma's constraint. */
        public Builder gammaConstraint(Constraint v) {
            gammaConstraint = v;
            return this;
        }

        /** Batch renormalization with these bounds (null for none). */
        public Builder renorm(RenormClipping clipping) {
            renorm = true;
            renormClipping = clipping;
            return this;
        }

        /** The momentum of renorm's statistics (default 0.99). */
        public Builder renormMomentum(double v) {
            renormMomentum = v;
            return this;
        }

        /** The paper's warm-up of renorm's bounds. */
        public Builder renormWarmup(RenormWarmup v) {
            renormWarmup = v;
            return this;
        }

        /** Ghost batch normalization with groups of {@code rows} rows. */
        public Builder virtualBatchSize(int rows) {
            virtualBatchSize = rows;
            return this;
        }

        /** The config. */
        public BatchNormalizationConfig config() {
            return new BatchNormalizationConfig(name, trainable, axis, momentum, epsilon, center, scale, betaInitializer,
                    gammaInitializer, movingMeanInitializer, movingVarianceInitializer, betaRegularizer,
                    gammaRegularizer, betaConstraint, gammaConstraint, renorm, renormClipping, renormMomentum,
                    renormWarmup, virtualBatchSize);
        }

        /** The layer. */
        public BatchNormalization build() {
            return new BatchNormalization(config());
        }
    }
}
