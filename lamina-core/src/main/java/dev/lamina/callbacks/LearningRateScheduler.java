package dev.lamina.callbacks;


/**
 * Sets the learning rate at the start of each epoch from a function of the epoch and the current
 * rate, as Keras' {@code LearningRateScheduler}.
 *
 * <pre>{@code new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))}</pre>
 */
public final class LearningRateScheduler implements Callback {
    /** The new rate for an epoch given the current one. */
    @FunctionalInterface
    public interface Schedule {
        double rate(int epoch, double currentRate);
    }

    private final Schedule schedule;
    private TrainableModel model;

    /** A scheduler following {@code schedule}. */
    public LearningRateScheduler(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void setModel(TrainableModel model) {
        this.model = model;
    }

    @Override
    public void onEpochBegin(int epoch) {
        double rate = schedule.rate(epoch, model.optimizer().currentLearningRate());
        if (!Double.isFinite(rate) || rate < 0) {
            throw new IllegalStateException("LearningRateScheduler returned " + rate + " for epoch " + epoch
                    + "; the schedule must return a finite number >= 0.");
        }
        model.optimizer().learningRate(rate);
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        logs.put("learning_rate", model.optimizer().currentLearningRate());
    }
}
