package dev.lamina.callbacks;

import dev.lamina.util.Check;
import dev.lamina.util.Warnings;
import java.util.List;

/**
 * Stops training when a monitored value has stopped improving, as Keras' {@code EarlyStopping}:
 * each epoch from {@code startFromEpoch} on, a wait counter grows by one and is reset on an
 * improvement (by more than {@code minDelta}, and beating {@code baseline} when one is set);
 * training stops when the counter reaches {@code patience} (never at epoch 0). With
 * {@code restoreBestWeights} the weights of the best epoch are put back when training ends.
 *
 * <pre>{@code new EarlyStopping("val_loss").patience(20).minDelta(0.001).restoreBestWeights(true)}</pre>
 */
public final class EarlyStopping implements Callback, Resumable {
    private final String monitorKey;
    private double minDelta;
    private int patience;
    private String mode = "auto";
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private Monitor monitor;
    private TrainableModel model;
    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    private double best;
    private List<float[]> bestWeights;

    /** Monitors {@code monitor} (Keras' default {@code val_loss}), patience 0, minDelta 0. */
    public EarlyStopping(String monitor) {
        this.monitorKey = Check.notNull(monitor, "EarlyStopping", "monitor");
    }

    /** Monitors {@code val_loss}. */
    public EarlyStopping() {
        this("val_loss");
    }

    /** The smallest change that counts as an improvement (default 0). */
    public EarlyStopping minDelta(double minDelta) {
        Check.arg(minDelta >= 0, "EarlyStopping", "min_delta", minDelta, "a number >= 0");
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs without improvement before stopping (default 0). */
    public EarlyStopping patience(int patience) {
        Check.arg(patience >= 0, "EarlyStopping", "patience", patience, "an integer >= 0");
        this.patience = patience;
        return this;
    }

    /** {@code auto} (default), {@code min} or {@code max}. */
    public EarlyStopping mode(String mode) {
        this.mode = mode;
        return this;
    }

    /** A value the monitor must beat for the wait to reset. */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Whether to put back the best epoch's weights at the end (default false). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs to wait before monitoring at all (default 0). */
    public EarlyStopping startFromEpoch(int epoch) {
        Check.arg(epoch >= 0, "EarlyStopping", "start_from_epoch", epoch, "an integer >= 0");
        this.startFromEpoch = epoch;
        return this;
    }

    /** The epoch training stopped at (0 when it did not stop early). */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value (NaN before any). */
    public double best() {
        return best;
    }

    @Override
    public void setModel(TrainableModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Logs logs) {
        monitor = new Monitor("EarlyStopping", monitorKey, mode, minDelta);
        wait = 0;
        stoppedEpoch = 0;
        best = Double.NaN;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        if (!logs.has(monitorKey)) {
            Warnings.warn(EarlyStopping.class, "EarlyStopping is conditioned on '" + monitorKey + "', which is not"
                    + " available; available: " + logs.keys() + ". Pass validation data or monitor a training value.");
            return;
        }
        if (epoch < startFromEpoch) {
            return;
        }
        double current = logs.get(monitorKey);
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model.getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (monitor.improved(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model.getWeights();
            }
            if (baseline == null || monitor.improved(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.stopTraining(true);
        }
    }

    @Override
    public java.util.Map<String, Object> state() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("wait", wait);
        m.put("stopped_epoch", stoppedEpoch);
        m.put("best_epoch", bestEpoch);
        m.put("best", Double.doubleToRawLongBits(best));
        m.put("has_best_weights", bestWeights != null);
        return m;
    }

    @Override
    public List<float[]> arrays() {
        return bestWeights == null ? List.of() : bestWeights;
    }

    @Override
    public void restore(java.util.Map<String, Object> state, List<float[]> arrays) {
        wait = ((Number) state.get("wait")).intValue();
        stoppedEpoch = ((Number) state.get("stopped_epoch")).intValue();
        bestEpoch = ((Number) state.get("best_epoch")).intValue();
        best = Double.longBitsToDouble(((Number) state.get("best")).longValue());
        bestWeights = Boolean.TRUE.equals(state.get("has_best_weights")) ? new java.util.ArrayList<>(arrays) : null;
    }

    @Override
    public void onTrainEnd(Logs logs) {
        if (restoreBestWeights && bestWeights != null) {
            model.setWeights(bestWeights);
        }
    }
}
