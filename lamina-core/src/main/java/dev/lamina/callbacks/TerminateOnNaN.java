package dev.lamina.callbacks;

import dev.lamina.util.Warnings;

/** Stops training as soon as a batch's loss is NaN or infinite. */
public final class TerminateOnNaN implements Callback {
    private TrainableModel model;
    private boolean terminated;

    @Override
    public void setModel(TrainableModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBatchEnd(int batch, Logs logs) {
        double loss = logs.get("loss");
        if (!Double.isFinite(loss)) {
            Warnings.warn(TerminateOnNaN.class, "Batch " + batch + ": invalid loss " + loss + ", terminating training."
                    + " Lower the learning rate, scale the inputs or clip gradients.");
            terminated = true;
            model.stopTraining(true);
        }
    }

    /** Whether training was stopped by this callback. */
    public boolean terminated() {
        return terminated;
    }
}
