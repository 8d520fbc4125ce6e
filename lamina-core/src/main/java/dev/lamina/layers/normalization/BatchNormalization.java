package dev.lamina.layers.normalization;

import dev.lamina.initializers.Initializer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Mode;
import dev.lamina.layers.Parameter;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Buffer;
import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.List;

/**
 * Normalizes each channel (the {@code axis}, by default the last) with the batch's own mean and
 * variance in training, then rescales with a learned {@code gamma} and shifts by a learned
 * {@code beta}; keeps moving averages of the statistics for inference. Ioffe &amp; Szegedy, "Batch
 * Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift", ICML 2015.
 *
 * <p>Keras 3 semantics, to the letter:
 * <ul>
 *   <li>Training (and the layer trainable): {@code y = gamma (x - mean_B) / sqrt(var_B + epsilon) + beta}
 *       with the batch mean and <em>biased</em> variance, and
 *       {@code moving = moving * momentum + batch * (1 - momentum)} (momentum 0.99, epsilon 1e-3).
 *       PyTorch's {@code momentum=0.1} is the weight of the new batch, i.e. Keras' 0.9, and PyTorch
 *       stores the unbiased variance; Lamina follows Keras.</li>
 *   <li>Inference, or a layer whose {@code trainable} is false (Keras' rule since 2.1, for
 *       fine-tuning): the moving statistics, and nothing is updated.</li>
 *   <li>gamma and beta are trainable; moving_mean and moving_variance are not, and count as
 *       non-trainable parameters in {@code summary()}.</li>
 * </ul>
 *
 * <p>A training batch of one row is refused with an error naming the layer: its variance is 0,
 * so Keras would silently output beta and pull the moving variance towards 0 (PyTorch refuses it
 * too). {@code fit} checks this before the first epoch.
 *
 * <p>Extras: batch renormalization ({@code renorm}; Ioffe 2017) with optional clipping and the
 * paper's warm-up ({@link RenormWarmup}); ghost batch normalization ({@code virtualBatchSize},
 * Hoffer et al. 2017, as tf.keras 2 had it: each group of that many rows is normalized with its own
 * statistics and the moving statistics follow the groups' average). See also
 * {@code dev.lamina.models.BatchNormTools} for re-estimating statistics and folding into Dense.
 *
 * <pre>{@code
 * model.add(Dense.of(1024, "relu"));
 * model.add(BatchNormalization.of());
 * }</pre>
 */
public final class BatchNormalization extends Layer {
    private final BatchNormalizationConfig config;
    private int channels;
    private int pre;
    private int inner;
    private Parameter gamma;
    private Parameter beta;
    private Parameter movingMean;
    private Parameter movingVariance;
    private Parameter movingStddev;
    private Parameter renormMean;
    private Parameter renormStddev;
    private long step;

    private final Buffer output = new Buffer();
    private final BatchNormKernel kernel = new BatchNormKernel();
    private final Buffer gradIn = new Buffer();
    private float[] scale = new float[0];
    private float[] shift = new float[0];
    private InferenceTransform inference;
    private float[][] scaleShift;
    private double[] mean = new double[0];
    private double[] var = new double[0];
    private double[] groupMean = new double[0];
    private double[] groupInvStd = new double[0];
    private double[] gammaEff = new double[0];
    private double[] r = new double[0];
    private double[] d = new double[0];
    private double[] sumDy = new double[0];
    /** The backward pass's per-channel finishing (parameter gradients, input-gradient coefficients). */
    private final ChannelGradients channelGradients = new ChannelGradients();
    private double[] sumDyXhat = new double[0];
    private Tensor lastInput;
    private boolean lastUsedBatchStats;
    private int lastGroups;
    private int lastGroupRows;

    /** A BatchNormalization layer with {@code config}. */
    public BatchNormalization(BatchNormalizationConfig config) {
        super(config.name(), config.trainable());
        this.config = config;
    }

    /** {@code BatchNormalization()} with Keras' defaults. */
    public static BatchNormalization of() {
        return new BatchNormalization(BatchNormalizationConfig.defaults());
    }

    /** A builder starting from Keras' defaults. */
    public static BatchNormalizationConfig.Builder builder() {
        return new BatchNormalizationConfig.Builder();
    }

    @Override
    public String className() {
        return "BatchNormalization";
    }

    @Override
    public BatchNormalizationConfig config() {
        return config.with(name(), trainable());
    }

    /** gamma, or null without {@code scale}. */
    public Parameter gamma() {
        requireBuilt("gamma()");
        return gamma;
    }

    /** beta, or null without {@code center}. */
    public Parameter beta() {
        requireBuilt("beta()");
        return beta;
    }

    /** The moving mean (non-trainable). */
    public Parameter movingMean() {
        requireBuilt("movingMean()");
        return movingMean;
    }

    /** The moving variance (non-trainable). */
    public Parameter movingVariance() {
        requireBuilt("movingVariance()");
        return movingVariance;
    }

    /** The number of channels normalized. */
    public int channels() {
        requireBuilt("channels()");
        return channels;
    }

    /** Training passes so far (drives the renorm warm-up). */
    public long step() {
        return step;
    }

    /** Sets the number of training passes (to resume a run). */
    public void setStep(long step) {
        this.step = step;
    }

    @Override
    public long trainingPasses() {
        return step;
    }

    /** The moving mean and variance, and with renorm its moving standard deviation and renorm statistics. */
    @Override
    public List<Parameter> trainingState() {
        requireBuilt("trainingState()");
        return config.renorm() ? List.of(movingMean, movingVariance, movingStddev, renormMean, renormStddev)
                : List.of(movingMean, movingVariance);
    }

    @Override
    public void restoreTrainingPasses(long passes) {
        this.step = passes;
    }

    /**
     * Accumulates per-channel count, mean and sum of squared deviations of a batch of this layer's
     * inputs into {@code count[0]}, {@code mean} and {@code m2} (Chan et al.'s merge, in double), for
     * re-estimating the population statistics.
     */
    public void accumulateMoments(Tensor x, long[] count, double[] mean, double[] m2) {
        checkInput(x);
        double[] bm = new double[channels];
        double[] bv = new double[channels];
        kernel.moments(x.data(), 0, x.rows() * pre, channels, inner, bm, bv);
        long nb = (long) x.rows() * pre * inner;
        long na = count[0];
        long n = na + nb;
        for (int c = 0; c < channels; c++) {
            double delta = bm[c] - mean[c];
            mean[c] += delta * nb / n;
            m2[c] += bv[c] * nb + delta * delta * na * nb / n;
        }
        count[0] = n;
    }

    /**
     * Sets the moving statistics (and, with renorm, the moving standard deviation to match).
     *
     * @throws IllegalArgumentException when the lengths differ from the number of channels
     */
    public void setMovingStatistics(double[] newMean, double[] newVariance) {
        requireBuilt("setMovingStatistics(...)");
        if (newMean.length != channels || newVariance.length != channels) {
            throw new IllegalArgumentException(this + " has " + channels + " channels; received " + newMean.length
                    + " means and " + newVariance.length + " variances.");
        }
        for (int c = 0; c < channels; c++) {
            movingMean.value().data()[c] = (float) newMean[c];
            movingVariance.value().data()[c] = (float) newVariance[c];
            if (movingStddev != null) {
                movingStddev.value().data()[c] = (float) Math.sqrt(newVariance[c] + config.epsilon());
            }
        }
    }

    /**
     * The inference transform as per-channel {@code y = x * scale + shift}, in double:
     * {@code scale = gamma / sqrt(moving_variance + epsilon)}, {@code shift = beta - moving_mean * scale}.
     */
    public double[][] inferenceTransform() {
        requireBuilt("inferenceTransform()");
        float[] g = gamma == null ? null : gamma.value().data();
        float[] b = beta == null ? null : beta.value().data();
        double[][] t = new double[2][channels];
        for (int c = 0; c < channels; c++) {
            t[0][c] = InferenceTransform.scale(g, movingVariance.value().data(), config.epsilon(), c);
            t[1][c] = InferenceTransform.shift(b, movingMean.value().data(), c, t[0][c]);
        }
        return t;
    }

    /**
     * The inference transform brought up to date, as the two arrays {@code {scale, shift}} its
     * inference pass uses ({@code y = x * scale + shift} per channel, in float): for applying it in
     * the stores of the layer before ({@link dev.lamina.layers.core.Dense#forwardInference}), with
     * the same bits as this layer's own pass. The arrays are the layer's own, valid until its
     * weights or statistics change; read them, never write them.
     */
    public float[][] inferenceScaleShift() {
        requireBuilt("inferenceScaleShift()");
        refreshInference();
        return scaleShift;
    }

    /** Whether the channels are the last axis of rank-1 per-sample inputs (what folding into Dense needs). */
    public boolean normalizesFeatures() {
        requireBuilt("normalizesFeatures()");
        return inputShape().rank() == 1;
    }

    @Override
    protected Shape doBuild(Shape inputShape, RandomStream init) {
        int rank = inputShape.rank() + 1;
        int axis = config.axis() < 0 ? config.axis() + rank : config.axis();
        if (axis < 1 || axis >= rank) {
            throw new IllegalArgumentException("BatchNormalization '" + name() + "' has axis " + config.axis()
                    + " but its inputs " + inputShape.toKerasString() + " have axes 1.." + (rank - 1)
                    + " (or -1..-" + (rank - 1) + "); axis 0 is the batch.");
        }
        channels = inputShape.dim(axis - 1);
        pre = 1;
        for (int k = 0; k < axis - 1; k++) {
            pre *= inputShape.dim(k);
        }
        inner = inputShape.size() / pre / channels;
        Shape c = Shape.of(channels);
        if (config.scale()) {
            gamma = addWeight("gamma", c, config.gammaInitializer(), true, config.gammaRegularizer(),
                    config.gammaConstraint(), init);
        }
        if (config.center()) {
            beta = addWeight("beta", c, config.betaInitializer(), true, config.betaRegularizer(),
                    config.betaConstraint(), init);
        }
        movingMean = addWeight("moving_mean", c, config.movingMeanInitializer(), false, null, null, init);
        movingVariance = addWeight("moving_variance", c, config.movingVarianceInitializer(), false, null, null, init);
        if (config.renorm()) {
            Initializer sqrtVar = new SqrtInitializer(config.movingVarianceInitializer());
            movingStddev = addWeight("moving_stddev", c, sqrtVar, false, null, null, init);
            renormMean = addWeight("renorm_mean", c, config.movingMeanInitializer(), false, null, null, init);
            renormStddev = addWeight("renorm_stddev", c, sqrtVar, false, null, null, init);
        }
        scale = new float[channels];
        shift = new float[channels];
        inference = new InferenceTransform(channels, config.epsilon());
        scaleShift = new float[][] {inference.scale(), inference.shift()};
        mean = new double[channels];
        var = new double[channels];
        gammaEff = new double[channels];
        r = new double[channels];
        d = new double[channels];
        sumDy = new double[channels];
        sumDyXhat = new double[channels];
        channelGradients.gammaEff = gammaEff;
        channelGradients.r = r;
        channelGradients.d = d;
        channelGradients.coef = new double[channels];
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        checkInput(x);
        Tensor y = output.get(x.rows(), inputShape());
        int rows = x.rows();
        lastInput = x;
        lastUsedBatchStats = mode.training() && trainable();
        if (!lastUsedBatchStats) {
            refreshInference();
            kernel.affine(x.data(), y.data(), 0, rows * pre, channels, inner, inference.scale(), inference.shift());
            return y;
        }
        int groupRows = config.virtualBatchSize() == null ? rows : Math.min(config.virtualBatchSize(), rows);
        int groups = (rows + groupRows - 1) / groupRows;
        checkGroupSizes(rows, groupRows);
        if (groupMean.length < groups * channels) {
            groupMean = new double[groups * channels];
            groupInvStd = new double[groups * channels];
        }
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(var, 0);
        RenormClipping clip = config.renorm() ? currentClipping() : null;
        for (int g = 0; g < groups; g++) {
            int r0 = g * groupRows;
            int r1 = Math.min(rows, r0 + groupRows);
            double weight = (double) (r1 - r0) / rows;
            double[] gm = sumDy;
            double[] gv = sumDyXhat;
            kernel.moments(x.data(), r0 * pre, r1 * pre, channels, inner, gm, gv);
            groupTransform(g, weight, gm, gv, clip);
            kernel.affine(x.data(), y.data(), r0 * pre, r1 * pre, channels, inner, scale, shift);
        }
        lastGroups = groups;
        lastGroupRows = groupRows;
        updateMovingStatistics();
        step++;
        return y;
    }

    /**
     * Group g's statistics (its moments gm and gv, its weight in the batch) into the per-channel
     * affine {@code scale}, {@code shift} and what backward needs. A method of its own, like the
     * other per-channel loops: {@link #forward} stays small, so the JIT compiles it quickly when it
     * gets hot, late in a short run, instead of recompiling these loops inside it.
     */
    private void groupTransform(int g, double weight, double[] gm, double[] gv, RenormClipping clip) {
        for (int c = 0; c < channels; c++) {
            double std = Math.sqrt(gv[c] + config.epsilon());
            groupMean[g * channels + c] = gm[c];
            groupInvStd[g * channels + c] = 1 / std;
            mean[c] += weight * gm[c];
            var[c] += weight * gv[c];
            double gam = gamma == null ? 1 : gamma.value().data()[c];
            double bet = beta == null ? 0 : beta.value().data()[c];
            double rc = 1;
            double dc = 0;
            if (clip != null) {
                double rs = Math.max(renormStddev.value().data()[c], Math.sqrt(config.epsilon()));
                rc = clipR(std / rs, clip);
                dc = clipD((gm[c] - renormMean.value().data()[c]) / rs, clip);
            }
            r[c] = rc;
            d[c] = dc;
            gammaEff[c] = rc * gam;
            double inv = gammaEff[c] / std;
            scale[c] = (float) inv;
            shift[c] = (float) (dc * gam + bet - gm[c] * inv);
        }
    }

    private void checkGroupSizes(int rows, int groupRows) {
        int last = rows % groupRows == 0 ? groupRows : rows % groupRows;
        if ((long) Math.min(groupRows, last) * pre * inner == 1) {
            throw new IllegalArgumentException("BatchNormalization '" + name() + "' received a training batch"
                    + (config.virtualBatchSize() == null ? "" : " (or virtual batch)") + " of 1 row: its variance is 0,"
                    + " so the output would be just beta and the moving variance would be pulled towards 0. Use"
                    + " batches of at least 2 rows; for a last partial batch of 1 row, fit with"
                    + " FitOptions.lastBatchOfOne(LastBatch.MERGE) or LastBatch.DROP.");
        }
    }

    private RenormClipping currentClipping() {
        return config.renormWarmup() == null ? config.renormClipping()
                : config.renormWarmup().at(step, config.renormClipping());
    }

    private static double clipR(double v, RenormClipping c) {
        if (c.rmin() != null) {
            v = Math.max(v, c.rmin());
        }
        if (c.rmax() != null) {
            v = Math.min(v, c.rmax());
        }
        return v;
    }

    private static double clipD(double v, RenormClipping c) {
        return c.dmax() == null ? v : Math.max(-c.dmax(), Math.min(c.dmax(), v));
    }

    private void updateMovingStatistics() {
        float m = (float) config.momentum();
        float[] mm = movingMean.value().data();
        float[] mv = movingVariance.value().data();
        if (!config.renorm()) {
            for (int c = 0; c < channels; c++) {
                mm[c] = (float) (mm[c] * (double) m + mean[c] * (1 - (double) m));
                mv[c] = (float) (mv[c] * (double) m + var[c] * (1 - (double) m));
            }
            return;
        }
        double rm = config.renormMomentum();
        float[] rmean = renormMean.value().data();
        float[] rstd = renormStddev.value().data();
        float[] ms = movingStddev.value().data();
        for (int c = 0; c < channels; c++) {
            double std = Math.sqrt(var[c] + config.epsilon());
            rmean[c] = (float) (rmean[c] * rm + mean[c] * (1 - rm));
            rstd[c] = (float) (rstd[c] * rm + std * (1 - rm));
            mm[c] = (float) (mm[c] * (double) m + mean[c] * (1 - (double) m));
            double newStd = ms[c] * (double) m + std * (1 - (double) m);
            ms[c] = (float) newStd;
            mv[c] = (float) Math.max(0, newStd * newStd - config.epsilon());
        }
    }

    private void refreshInference() {
        inference.refresh(gamma == null ? null : gamma.value().data(), beta == null ? null : beta.value().data(),
                movingMean.value().data(), movingVariance.value().data());
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        requireForward(lastInput);
        float[] x = lastInput.data();
        float[] dy = gradOut.data();
        int rows = lastInput.rows();
        Tensor dx = computeInputGradient() ? gradIn.get(rows, inputShape()) : null;
        float[] dg = gamma == null ? null : gamma.grad().data();
        float[] db = beta == null ? null : beta.grad().data();
        if (!lastUsedBatchStats) {
            inferenceBackward(x, dy, dx, dg, db, rows);
            return dx;
        }
        if (dg != null) {
            java.util.Arrays.fill(dg, 0f);
        }
        if (db != null) {
            java.util.Arrays.fill(db, 0f);
        }
        channelGradients.dg = dg;
        channelGradients.db = db;
        double[] gm = mean;
        double[] gi = var;
        for (int g = 0; g < lastGroups; g++) {
            int r0 = g * lastGroupRows;
            int r1 = Math.min(rows, r0 + lastGroupRows);
            System.arraycopy(groupMean, g * channels, gm, 0, channels);
            System.arraycopy(groupInvStd, g * channels, gi, 0, channels);
            // The sums' kernel also adds the group's share of gamma's and beta's gradients and
            // computes the input gradient's coefficients (ChannelGradients).
            kernel.sums(x, dy, r0 * pre, r1 * pre, channels, inner, gm, gi, sumDy, sumDyXhat, channelGradients);
            if (dx != null) {
                kernel.inputGradient(x, dy, dx.data(), r0 * pre, r1 * pre, channels, inner, gm, gi,
                        channelGradients.coef, sumDy, sumDyXhat);
            }
        }
        channelGradients.dg = null;
        channelGradients.db = null;
        return dx;
    }

    private void inferenceBackward(float[] x, float[] dy, Tensor dx, float[] dg, float[] db, int rows) {
        refreshInference();
        float[] mm = movingMean.value().data();
        float[] mv = movingVariance.value().data();
        for (int c = 0; c < channels; c++) {
            mean[c] = mm[c];
            var[c] = 1 / Math.sqrt(mv[c] + config.epsilon());
        }
        kernel.sums(x, dy, 0, rows * pre, channels, inner, mean, var, sumDy, sumDyXhat, null);
        for (int c = 0; c < channels; c++) {
            if (dg != null) {
                dg[c] = (float) sumDyXhat[c];
            }
            if (db != null) {
                db[c] = (float) sumDy[c];
            }
        }
        if (dx != null) {
            float[] zero = shift;
            java.util.Arrays.fill(zero, 0f);
            kernel.affine(dy, dx.data(), 0, rows * pre, channels, inner, inference.scale(), zero);
        }
    }
}
