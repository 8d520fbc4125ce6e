package dev.lamina.callbacks;

/**
 * Hooks called by {@code fit} at the points Keras calls them. Every method has an empty default;
 * override the ones you need. Epochs and batches count from 0. Setting
 * {@link TrainableModel#stopTraining(boolean)} stops training after the current batch or epoch.
 */
public interface Callback {
    /** Gives the callback its model (the view a callback needs of it), before training starts. */
    default void setModel(TrainableModel model) {}

    /** Before the first epoch. */
    default void onTrainBegin(Logs logs) {}

    /** After the last epoch (or an early stop), with the last epoch's logs. */
    default void onTrainEnd(Logs logs) {}

    /** Before an epoch. */
    default void onEpochBegin(int epoch) {}

    /** After an epoch and its validation, with the epoch's logs (training and {@code val_} values). */
    default void onEpochEnd(int epoch, Logs logs) {}

    /** Before a training batch. */
    default void onTrainBatchBegin(int batch) {}

    /** After a training batch, with the running means of the epoch so far. */
    default void onTrainBatchEnd(int batch, Logs logs) {}
}
