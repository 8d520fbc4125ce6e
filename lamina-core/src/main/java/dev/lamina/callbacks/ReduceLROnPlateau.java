package dev.lamina.callbacks;

import dev.lamina.util.Check;

/**
 * Multiplies the learning rate by {@code factor} when a monitored value has not improved for
 * {@code patience} epochs, as Keras' {@code ReduceLROnPlateau}; after a reduction it waits
 * {@code cooldown} epochs, and it never goes below {@code minLr}. Adds {@code learning_rate} to
 * each epoch's logs.
 *
 * <p>Defaults: monitor {@code val_loss}, factor 0.1, patience 10, mode auto, minDelta 1e-4,
 * cooldown 0, minLr 0.
 */
public final class ReduceLROnPlateau implements Callback, Resumable {
    private final String monitorKey;
    private double factor = 0.1;
    private int patience = 10;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private Monitor monitor;
    private TrainableModel model;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** Monitors {@code monitor}. */
    public ReduceLROnPlateau(String monitor) {
        this.monitorKey = Check.notNull(monitor, "ReduceLROnPlateau", "monitor");
    }

    /** Monitors {@code val_loss}. */
    public ReduceLROnPlateau() {
        this("val_loss");
    }

    /** The multiplier, in (0, 1). */
    public ReduceLROnPlateau factor(double factor) {
        Check.arg(factor > 0 && factor < 1, "ReduceLROnPlateau", "factor", factor, "a number in (0, 1)");
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement before reducing. */
    public ReduceLROnPlateau patience(int patience) {
        Check.arg(patience >= 0, "ReduceLROnPlateau", "patience", patience, "an integer >= 0");
        this.patience = patience;
        return this;
    }

    /** {@code auto}, {@code min} or {@code max}. */
    public ReduceLROnPlateau mode(String mode) {
        this.mode = mode;
        return this;
    }

    /** The smallest change that counts as an improvement. */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs to wait after a reduction. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        Check.arg(cooldown >= 0, "ReduceLROnPlateau", "cooldown", cooldown, "an integer >= 0");
        this.cooldown = cooldown;
        return this;
    }

    /** The lowest learning rate. */
    public ReduceLROnPlateau minLr(double minLr) {
        Check.arg(minLr >= 0, "ReduceLROnPlateau", "min_lr", minLr, "a number >= 0");
        this.minLr = minLr;
        return this;
    }

    @Override
    public void setModel(TrainableModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Logs logs) {
        monitor = new Monitor("ReduceLROnPlateau", monitorKey, mode, minDelta);
        best = Double.NaN;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public java.util.Map<String, Object> state() {
        return java.util.Map.of("best", Double.doubleToRawLongBits(best), "wait", wait, "cooldown", cooldownCounter);
    }

    @Override
    public void restore(java.util.Map<String, Object> state, java.util.List<float[]> arrays) {
        best = Double.longBitsToDouble(((Number) state.get("best")).longValue());
        wait = ((Number) state.get("wait")).intValue();
        cooldownCounter = ((Number) state.get("cooldown")).intValue();
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        logs.put("learning_rate", model.optimizer().currentLearningRate());
        if (!logs.has(monitorKey)) {
            return;
        }
        double current = logs.get(monitorKey);
        boolean inCooldown = cooldownCounter > 0;
        if (inCooldown) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improved(current, best)) {
            best = current;
            wait = 0;
        } else if (!inCooldown) {
            wait++;
            if (wait >= patience) {
                double old = model.optimizer().currentLearningRate();
                if (old > minLr) {
                    model.optimizer().learningRate(Math.max(old * factor, minLr));
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
