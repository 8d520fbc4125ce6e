"""One training step in Keras 3.15.1, as the reference for fine-tuning an imported model.

For each optimizer (SGD with momentum, Adam): builds Input(5) -> Dense(8, relu) -> BatchNormalization ->
Dense(1) with fixed weights, saves it as <name>.keras, trains ONE step on one full batch (shuffle off,
batch size = rows, MSE), and writes the data, and the weights and BN moving statistics after the step,
to <name>.expected.json, and the weights after the step as <name>.after.weights.h5 (Keras 3 save_weights). Run: KERAS_BACKEND=jax python keras_one_step.py OUT_DIR
"""
import json, os, sys
os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
import keras

out = sys.argv[1]
rng = np.random.default_rng(7)
x = rng.normal(size=(16, 5)).astype("float32")
y = (x @ rng.normal(size=(5, 1)) + 0.3).astype("float32")

for name, opt in [("sgd", lambda: keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)),
                  ("adam", lambda: keras.optimizers.Adam(learning_rate=0.01))]:
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.BatchNormalization(), keras.layers.Dense(1)])
    # BN statistics away from their defaults, so that the step's update is visible.
    bn = model.layers[1]
    bn.moving_mean.assign(rng.normal(size=8).astype("float32") * 0.1)
    bn.moving_variance.assign(1 + rng.uniform(size=8).astype("float32"))
    model.compile(optimizer=opt(), loss="mse")
    model.save(os.path.join(out, name + ".keras"))
    model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
    model.save_weights(os.path.join(out, name + ".after.weights.h5"))
    weights = {f"{l.name}/{w.path.split('/')[-1]}": np.asarray(w).tolist() for l in model.layers for w in l.weights}
    with open(os.path.join(out, name + ".expected.json"), "w") as f:
        json.dump({"x": x.tolist(), "y": y.tolist(), "weights": weights,
                   "order": [f"{l.name}/{w.path.split('/')[-1]}" for l in model.layers for w in l.weights]}, f)
    print(name, list(weights))
