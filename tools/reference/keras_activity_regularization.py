"""Activity regularizers in Keras 3.15.1, as the reference for training with them.

Builds Input(5) -> Dense(8, relu, activity_regularizer=L1L2(0.01, 0.05)) -> BatchNormalization(activity_regularizer=L1(0.02))
-> ActivityRegularization(l1=0.03, l2=0.1) -> Dense(1, activity_regularizer=L2(0.2)) with fixed weights, saves it as
activity.keras, trains ONE step of SGD (learning rate 0.05, momentum 0.9) on one full batch (shuffle off, MSE), and writes
to activity.expected.json: the data, the weights after the step (in the model's order), the loss Keras reported for the
step (the penalties of the training pass included), and evaluate()'s loss after it (with the penalties of the inference
pass), with the same two losses of a copy without activity regularizers for contrast.
Run: KERAS_BACKEND=jax python keras_activity_regularization.py OUT_DIR
"""
import json, os, sys
os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
import keras
from keras import layers, regularizers

assert keras.__version__ == "3.15.1", keras.__version__
out = sys.argv[1]
rng = np.random.default_rng(11)
x = rng.normal(1.0, 2.0, size=(16, 5)).astype("float32")
y = (x @ rng.normal(size=(5, 1)) + 0.5).astype("float32")


def build(with_activity):
    keras.utils.set_random_seed(5)
    a = (lambda r: r) if with_activity else (lambda r: None)
    model = keras.Sequential([
        keras.Input((5,)),
        layers.Dense(8, activation="relu", activity_regularizer=a(regularizers.L1L2(l1=0.01, l2=0.05))),
        layers.BatchNormalization(activity_regularizer=a(regularizers.L1(0.02))),
        *([layers.ActivityRegularization(l1=0.03, l2=0.1)] if with_activity else []),
        layers.Dense(1, activity_regularizer=a(regularizers.L2(0.2)))], name="activity" if with_activity else "plain")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mse")
    return model


model = build(True)
model.save(os.path.join(out, "activity.keras"))
history = model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
after = model.evaluate(x, y, batch_size=16, verbose=0)
plain = build(False)
plain_history = plain.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
plain_after = plain.evaluate(x, y, batch_size=16, verbose=0)
weights = {f"{l.name}/{w.path.split('/')[-1]}": np.asarray(w).tolist() for l in model.layers for w in l.weights}
with open(os.path.join(out, "activity.expected.json"), "w") as f:
    json.dump({"x": x.tolist(), "y": y.tolist(), "weights": weights,
               "order": [f"{l.name}/{w.path.split('/')[-1]}" for l in model.layers for w in l.weights],
               "loss": float(history.history["loss"][0]), "evaluate_loss": float(after),
               "plain_loss": float(plain_history.history["loss"][0]), "plain_evaluate_loss": float(plain_after)}, f)
print("loss", history.history["loss"][0], "evaluate", after, "without activity regularizers",
      plain_history.history["loss"][0], plain_after)
