package dev.lamina.callbacks;

import java.util.ArrayList;
import java.util.List;

/**
 * Callbacks called as one, in order (Keras' {@code CallbackList}): the training loop tells this
 * list, and it tells each callback. Dispatch allocates nothing.
 */
public final class CallbackList implements Callback {
    private final Callback[] callbacks;

    /** The callbacks, called in this order. */
    public CallbackList(List<? extends Callback> callbacks) {
        this.callbacks = callbacks.toArray(new Callback[0]);
    }

    /** The callbacks, in order. */
    public List<Callback> callbacks() {
        return List.of(callbacks);
    }

    /** Those that keep a state across an interruption, in order. */
    public List<Resumable> resumables() {
        List<Resumable> out = new ArrayList<>();
        for (Callback c : callbacks) {
            if (c instanceof Resumable r) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void setModel(TrainableModel model) {
        for (Callback c : callbacks) {
            c.setModel(model);
        }
    }

    @Override
    public void onTrainBegin(Logs logs) {
        for (Callback c : callbacks) {
            c.onTrainBegin(logs);
        }
    }

    @Override
    public void onTrainEnd(Logs logs) {
        for (Callback c : callbacks) {
            c.onTrainEnd(logs);
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        for (Callback c : callbacks) {
            c.onEpochBegin(epoch);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        for (Callback c : callbacks) {
            c.onEpochEnd(epoch, logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch) {
        for (Callback c : callbacks) {
            c.onTrainBatchBegin(batch);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Logs logs) {
        for (Callback c : callbacks) {
            c.onTrainBatchEnd(batch, logs);
        }
    }
}
