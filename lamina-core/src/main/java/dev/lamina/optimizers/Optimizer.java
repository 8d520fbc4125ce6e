package dev.lamina.optimizers;

import dev.lamina.layers.Parameter;
import dev.lamina.optimizers.schedules.ConstantRate;
import dev.lamina.optimizers.schedules.LearningRateSchedule;
import dev.lamina.tensor.ParallelLoop;
import dev.lamina.util.Check;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates trainable weights from their gradients, as Keras 3's optimizers do.
 *
 * <p>One {@link #apply} is one step: gradients are clipped ({@code clipnorm} per weight,
 * {@code globalClipnorm} over all, or {@code clipvalue} per element — the first one set wins, as
 * in Keras); weight decay, when set, shrinks each weight by {@code w * weightDecay * lr}; then each
 * weight gets its update in one fused pass over its elements; then {@link #iterations()} grows by
 * one. The learning rate is read from the schedule at the step count before the update.
 *
 * <p>With {@link #gradientAccumulationSteps(int) gradient accumulation} over k steps (Keras 3's
 * {@code gradient_accumulation_steps}), a step that is not the k-th only adds its gradients to a
 * per-weight accumulator; the k-th averages them ({@code (g + accumulated) / k}), clips, decays and
 * updates as above, and clears the accumulators. As in Keras, every step counts in
 * {@link #iterations()} and the learning-rate schedule reads that count, while the update's own step
 * number (Adam's bias correction) counts updates: {@code iterations / k + 1}.
 */
public abstract class Optimizer {
    private LearningRateSchedule schedule;
    private Double clipnorm;
    private Double globalClipnorm;
    private Double clipvalue;
    private Double weightDecay;
    private long iterations;
    private Integer accumulationSteps;
    private final Map<Parameter, float[][]> slots = new IdentityHashMap<>();
    private final UpdateLoop updateLoop = new UpdateLoop();

    /** @param learningRate the initial learning rate */
    protected Optimizer(double learningRate) {
        this.schedule = new ConstantRate(learningRate);
    }

    /** The Keras class name, e.g. {@code Adam}. */
    public abstract String className();

    /** The number of per-weight state arrays (Adam: 2, or 3 with AMSGrad). */
    protected abstract int slotCount();

    /** The initial value of the state arrays (Adagrad starts its accumulator at 0.1). */
    protected float initialSlotValue() {
        return 0f;
    }

    /**
     * Updates elements {@code [from, to)} of {@code w} from {@code g}, with {@code state} arrays of
     * {@link #slotCount()} (as long as {@code w}), at learning rate {@code lr}; {@code step} is
     * {@link #iterations()} + 1. Called from several threads at once on disjoint ranges of one
     * parameter, so it must touch only its own elements.
     */
    protected abstract void update(float[] w, float[] g, int from, int to, float[][] state, double lr, long step);

    /** The optimizer's own arguments with Keras' names (the base ones are added by {@link #config()}). */
    protected abstract Map<String, Object> ownConfig();

    /** Sets a constant learning rate (replacing any schedule). */
    public Optimizer learningRate(double rate) {
        this.schedule = new ConstantRate(rate);
        return this;
    }

    /** Sets a learning-rate schedule. */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        this.schedule = Check.notNull(schedule, className(), "learningRate");
        return this;
    }

    /** Clips each weight's gradient to at most this L2 norm (Keras' {@code clipnorm}). */
    public Optimizer clipnorm(double norm) {
        Check.arg(norm > 0, className(), "clipnorm", norm, "a positive number");
        this.clipnorm = norm;
        return this;
    }

    /** Scales all gradients together so that their global L2 norm is at most this (Keras' {@code global_clipnorm}). */
    public Optimizer globalClipnorm(double norm) {
        Check.arg(norm > 0, className(), "global_clipnorm", norm, "a positive number");
        this.globalClipnorm = norm;
        return this;
    }

    /** Clips each gradient element to [-value, value] (Keras' {@code clipvalue}). */
    public Optimizer clipvalue(double value) {
        Check.arg(value > 0, className(), "clipvalue", value, "a positive number");
        this.clipvalue = value;
        return this;
    }

    /** Decoupled weight decay: before each update, {@code w -= w * decay * lr}. */
    public Optimizer weightDecay(double decay) {
        Check.arg(decay >= 0, className(), "weight_decay", decay, "a number >= 0");
        this.weightDecay = decay;
        return this;
    }

    /**
     * Updates the weights every {@code steps} steps with the average of those steps' gradients
     * (Keras' {@code gradient_accumulation_steps}): k batches of b rows then give the update one
     * batch of k x b rows would (for a model without BatchNormalization, whose batch statistics see
     * b rows at a time).
     *
     * @param steps an integer >= 2
     */
    public Optimizer gradientAccumulationSteps(int steps) {
        Check.arg(steps >= 2, className(), "gradient_accumulation_steps", steps, "an integer >= 2");
        Check.state(slots.isEmpty(), className() + " has taken steps already; set gradient_accumulation_steps"
                + " before the first.");
        this.accumulationSteps = steps;
        return this;
    }

    /** The gradient accumulation steps, or null. */
    public Integer gradientAccumulationSteps() {
        return accumulationSteps;
    }

    /** The weight decay, or null. */
    public Double weightDecay() {
        return weightDecay;
    }

    /** The schedule. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** The learning rate the next step will use. */
    public double currentLearningRate() {
        return schedule.at(iterations);
    }

    /** The number of steps taken. */
    public long iterations() {
        return iterations;
    }

    /** Sets the step count (used when resuming training). */
    public void setIterations(long iterations) {
        this.iterations = iterations;
    }

    /** The state arrays of a weight, or null before its first update. */
    public float[][] slots(Parameter p) {
        return slots.get(p);
    }

    /**
     * Sets the state arrays of a weight (to resume from a saved optimizer).
     *
     * @throws IllegalArgumentException when the count or a length does not fit this optimizer and weight
     */
    public void setSlots(Parameter p, float[][] state) {
        if (state.length != stateArrays()) {
            throw new IllegalArgumentException(className() + " keeps " + slotCount() + " state arrays per weight but "
                    + state.length + " were given for '" + p.path() + "'.");
        }
        for (float[] a : state) {
            if (a.length != p.value().size()) {
                throw new IllegalArgumentException("State of '" + p.path() + "' has " + a.length + " values; the"
                        + " weight has " + p.value().size() + ".");
            }
        }
        slots.put(p, state);
    }

    /** The number of state arrays per weight (with gradient accumulation, the accumulator is the last). */
    public int stateArrays() {
        return slotCount() + (accumulationSteps == null ? 0 : 1);
    }

    /** Takes one step on {@code params} (only trainable ones are updated). */
    public void apply(List<Parameter> params) {
        double lr = schedule.at(iterations);
        long step = (accumulationSteps == null ? iterations : iterations / accumulationSteps) + 1;
        if (accumulationSteps != null && !accumulate(params)) {
            iterations++;
            return;
        }
        double globalScale = globalClipnorm == null || clipnorm != null ? 1 : globalScale(params);
        for (int iP = 0; iP < params.size(); iP++) {
            Parameter p = params.get(iP);
            if (!p.trainable()) {
                continue;
            }
            float[] w = p.value().data();
            float[] g = p.grad().data();
            int n = w.length;
            clip(g, n, globalScale);
            float[][] s = slotsOf(p);
            UpdateLoop u = updateLoop;
            u.w = w;
            u.g = g;
            u.state = s;
            u.lr = lr;
            u.step = step;
            u.decay = weightDecay != null && weightDecay > 0 ? (float) (weightDecay * lr) : 0f;
            u.run(n, 4L * n, 64);
            u.w = null;
            u.g = null;
            u.state = null;
            if (p.constraint() != null) {
                p.constraint().apply(p.value());
            }
        }
        iterations++;
    }

    /** A weight's state arrays, made at its first step: the optimizer's own, then the accumulator. */
    private float[][] slotsOf(Parameter p) {
        float[][] s = slots.get(p);
        if (s == null) {
            int n = p.value().size();
            s = new float[stateArrays()][n];
            for (int i = 0; i < slotCount(); i++) {
                java.util.Arrays.fill(s[i], initialSlotValue());
            }
            slots.put(p, s);
        }
        return s;
    }

    /**
     * Adds this step's gradients to the accumulators; on the k-th step turns the gradients into the
     * average of the k steps' and clears the accumulators. Returns whether this step updates.
     */
    private boolean accumulate(List<Parameter> params) {
        int k = accumulationSteps;
        boolean update = (iterations + 1) % k == 0;
        for (int iP = 0; iP < params.size(); iP++) {
            Parameter p = params.get(iP);
            if (!p.trainable()) {
                continue;
            }
            float[] g = p.grad().data();
            float[] acc = slotsOf(p)[slotCount()];
            if (update) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = (g[i] + acc[i]) / k;
                    acc[i] = 0f;
                }
            } else {
                for (int i = 0; i < g.length; i++) {
                    acc[i] += g[i];
                }
            }
        }
        return update;
    }

    private void clip(float[] g, int n, double globalScale) {
        if (clipnorm != null) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (double) g[i] * g[i];
            }
            double norm = Math.sqrt(ss);
            if (norm > clipnorm) {
                float f = (float) (clipnorm / norm);
                for (int i = 0; i < n; i++) {
                    g[i] *= f;
                }
            }
        } else if (globalScale != 1) {
            float f = (float) globalScale;
            for (int i = 0; i < n; i++) {
                g[i] *= f;
            }
        } else if (globalClipnorm == null && clipvalue != null) {
            float v = clipvalue.floatValue();
            for (int i = 0; i < n; i++) {
                g[i] = Math.max(-v, Math.min(v, g[i]));
            }
        }
    }

    private double globalScale(List<Parameter> params) {
        double ss = 0;
        for (int iP = 0; iP < params.size(); iP++) {
            Parameter p = params.get(iP);
            if (p.trainable()) {
                for (float v : p.grad().data()) {
                    ss += (double) v * v;
                }
            }
        }
        double norm = Math.sqrt(ss);
        if (!Double.isFinite(norm)) {
            return Double.NaN;
        }
        return norm > globalClipnorm ? globalClipnorm / norm : 1;
    }

    /** The full Keras config: the optimizer's own arguments and the base ones. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", Names.snake(className()));
        Object lr = schedule instanceof ConstantRate cr ? (Object) cr.rate()
                : Map.of("class_name", schedule.className(), "config", schedule.config());
        c.put("learning_rate", lr);
        c.put("weight_decay", weightDecay);
        c.put("clipnorm", clipnorm);
        c.put("global_clipnorm", globalClipnorm);
        c.put("clipvalue", clipvalue);
        c.put("gradient_accumulation_steps", accumulationSteps);
        c.putAll(ownConfig());
        return c;
    }

    @Override
    public String toString() {
        return className() + config();
    }

    /** Keras' snake-case names, without depending on the layers package. */
    private static final class Names {
        static String snake(String s) {
            return dev.lamina.layers.Names.snake(s);
        }
    }

    /** One parameter's update, with its elements shared among the worker threads. */
    private final class UpdateLoop extends ParallelLoop {
        float[] w;
        float[] g;
        float[][] state;
        double lr;
        long step;
        float decay;

        @Override
        protected void body(int from, int to) {
            if (decay != 0f) {
                for (int i = from; i < to; i++) {
                    w[i] -= w[i] * decay;
                }
            }
            update(w, g, from, to, state, lr, step);
        }
    }
}
