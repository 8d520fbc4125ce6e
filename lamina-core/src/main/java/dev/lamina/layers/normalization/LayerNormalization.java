package dev.lamina.layers.normalization;

import dev.lamina.constraints.Constraint;
import dev.lamina.initializers.Constant;
import dev.lamina.initializers.Initializer;
import dev.lamina.layers.ConfigMap;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.random.RandomStream;
import dev.lamina.regularizers.Regularizer;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * Normalizes each sample over its last axis with its own mean and variance, then scales by
 * {@code gamma} and shifts by {@code beta} (Ba, Kiros &amp; Hinton, "Layer Normalization", 2016).
 * Unlike BatchNormalization it does not depend on the other rows of the batch, so training and
 * inference are the same and any batch size works. Keras' defaults: axis -1, epsilon 1e-3, center
 * and scale on.
 *
 * <p>With {@code rmsScaling} (Keras' {@code rms_scaling=True}, deprecated there but found in saved
 * files) a row is not centered: {@code y = x / sqrt(var(x) + epsilon) * gamma}, with gamma always
 * and beta never, as Keras computes it (its variance, not the root mean square that the name says).
 */
public final class LayerNormalization extends Layer {
    /**
     * @param name the layer name, or null for an automatic one
     * @param trainable whether gamma and beta train
     * @param epsilon added to the variance, &gt; 0 (default 1e-3)
     * @param center whether to add beta
     * @param scale whether to multiply by gamma
     * @param betaInitializer default zeros
     * @param gammaInitializer default ones
     * @param betaRegularizer default none
     * @param gammaRegularizer default none
     * @param betaConstraint default none
     * @param gammaConstraint default none
     * @param rmsScaling scale each row by its variance without centering it, with gamma and without
     *     beta (Keras' deprecated {@code rms_scaling}; default false)
     */
    public record Config(String name, boolean trainable, double epsilon, boolean center, boolean scale,
                         Initializer betaInitializer, Initializer gammaInitializer, Regularizer betaRegularizer,
                         Regularizer gammaRegularizer, Constraint betaConstraint, Constraint gammaConstraint,
                         boolean rmsScaling)
            implements LayerConfig {
        /** Validates the arguments. */
        public Config {
            Check.arg(epsilon > 0 && Double.isFinite(epsilon), "LayerNormalization", "epsilon", epsilon, "a number > 0");
            Check.notNull(betaInitializer, "LayerNormalization", "betaInitializer");
            Check.notNull(gammaInitializer, "LayerNormalization", "gammaInitializer");
        }

        /** A config without {@code rmsScaling}. */
        public Config(String name, boolean trainable, double epsilon, boolean center, boolean scale,
                      Initializer betaInitializer, Initializer gammaInitializer, Regularizer betaRegularizer,
                      Regularizer gammaRegularizer, Constraint betaConstraint, Constraint gammaConstraint) {
            this(name, trainable, epsilon, center, scale, betaInitializer, gammaInitializer, betaRegularizer,
                    gammaRegularizer, betaConstraint, gammaConstraint, false);
        }

        /** Keras' defaults. */
        public static Config defaults() {
            return new Config(null, true, 1e-3, true, true, Constant.ZEROS, Constant.ONES, null, null, null, null);
        }

        /** Whether the layer has gamma: with {@code scale} or {@code rmsScaling}, as in Keras. */
        boolean hasGamma() {
            return scale || rmsScaling;
        }

        /** Whether the layer has beta: with {@code center} and without {@code rmsScaling}, as in Keras. */
        boolean hasBeta() {
            return center && !rmsScaling;
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = ConfigMap.layerBase(name, trainable);
            m.put("axis", -1);
            m.put("epsilon", epsilon);
            m.put("center", center);
            m.put("scale", scale);
            m.put("rms_scaling", rmsScaling);
            m.put("beta_initializer", ConfigMap.serialize(betaInitializer));
            m.put("gamma_initializer", ConfigMap.serialize(gammaInitializer));
            m.put("beta_regularizer", ConfigMap.serialize(betaRegularizer));
            m.put("gamma_regularizer", ConfigMap.serialize(gammaRegularizer));
            m.put("beta_constraint", ConfigMap.serialize(betaConstraint));
            m.put("gamma_constraint", ConfigMap.serialize(gammaConstraint));
            return m;
        }

        /** Reads a Keras-shaped config; only the last axis is supported. */
        public static Config fromMap(Map<String, Object> map) {
            ConfigMap c = new ConfigMap("LayerNormalization config", map);
            c.lastAxisOnly("normalizes");
            Config d = defaults();
            return new Config(c.string("name", null), c.bool("trainable", true), c.number("epsilon", 1e-3),
                    c.bool("center", true), c.bool("scale", true), c.initializer("beta_initializer", d.betaInitializer()),
                    c.initializer("gamma_initializer", d.gammaInitializer()), c.regularizer("beta_regularizer"),
                    c.regularizer("gamma_regularizer"), c.constraint("beta_constraint"), c.constraint("gamma_constraint"),
                    c.bool("rms_scaling", false));
        }
    }

    private final Config config;
    private Parameter gamma;
    private Parameter beta;
    private int width;
    private final Buffer output = new Buffer();
    private final Buffer gradIn = new Buffer();
    private double[] rowMean = new double[0];
    private double[] rowInvStd = new double[0];
    private Tensor lastInput;

    /** A LayerNormalization layer with {@code config}. */
    public LayerNormalization(Config config) {
        super(config.name(), config.trainable());
        this.config = config;
    }

    /** {@code LayerNormalization()} with Keras' defaults. */
    public static LayerNormalization of() {
        return new LayerNormalization(Config.defaults());
    }

    @Override
    public String className() {
        return "LayerNormalization";
    }

    @Override
    public Config config() {
        Config c = config;
        return new Config(name(), trainable(), c.epsilon(), c.center(), c.scale(), c.betaInitializer(),
                c.gammaInitializer(), c.betaRegularizer(), c.gammaRegularizer(), c.betaConstraint(), c.gammaConstraint(),
                c.rmsScaling());
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        width = inputShape.dim(-1);
        Shape w = Shape.of(width);
        if (config.hasGamma()) {
            gamma = addWeight("gamma", w, config.gammaInitializer(), true, config.gammaRegularizer(),
                    config.gammaConstraint(), init);
        }
        if (config.hasBeta()) {
            beta = addWeight("beta", w, config.betaInitializer(), true, config.betaRegularizer(),
                    config.betaConstraint(), init);
        }
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        int rows = x.size() / width;
        if (rowMean.length < rows) {
            rowMean = new double[rows];
            rowInvStd = new double[rows];
        }
        Tensor y = output.get(x.rows(), inputShape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double s = 0;
            for (int j = 0; j < width; j++) {
                s += xd[o + j];
            }
            double m = s / width;
            double v = 0;
            for (int j = 0; j < width; j++) {
                double dlt = xd[o + j] - m;
                v += dlt * dlt;
            }
            double inv = 1 / Math.sqrt(v / width + config.epsilon());
            rowMean[r] = m;
            rowInvStd[r] = inv;
            double shift = config.rmsScaling() ? 0 : m;
            for (int j = 0; j < width; j++) {
                double g = gamma == null ? 1 : gamma.value().data()[j];
                double b = beta == null ? 0 : beta.value().data()[j];
                yd[o + j] = (float) ((xd[o + j] - shift) * inv * g + b);
            }
        }
        lastInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        int rows = lastInput.size() / width;
        float[] xd = lastInput.data();
        float[] dy = gradOut.data();
        float[] dg = gamma == null ? null : gamma.grad().data();
        float[] db = beta == null ? null : beta.grad().data();
        if (dg != null) {
            java.util.Arrays.fill(dg, 0f);
        }
        if (db != null) {
            java.util.Arrays.fill(db, 0f);
        }
        Tensor dx = computeInputGradient() ? gradIn.get(lastInput.rows(), inputShape()) : null;
        if (config.rmsScaling()) {
            UncenteredScaling.backward(xd, dy, gamma.value().data(), rowMean, rowInvStd, rows, width, dg,
                    dx == null ? null : dx.data());
            return dx;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double m = rowMean[r];
            double inv = rowInvStd[r];
            double sumG = 0;
            double sumGx = 0;
            for (int j = 0; j < width; j++) {
                double xhat = (xd[o + j] - m) * inv;
                double g = dy[o + j] * (gamma == null ? 1 : gamma.value().data()[j]);
                sumG += g;
                sumGx += g * xhat;
                if (dg != null) {
                    dg[j] += (float) (dy[o + j] * xhat);
                }
                if (db != null) {
                    db[j] += dy[o + j];
                }
            }
            if (dx != null) {
                float[] d = dx.data();
                for (int j = 0; j < width; j++) {
                    double xhat = (xd[o + j] - m) * inv;
                    double g = dy[o + j] * (gamma == null ? 1 : gamma.value().data()[j]);
                    d[o + j] = (float) (inv / width * (width * g - sumG - xhat * sumGx));
                }
            }
        }
        return dx;
    }
}
