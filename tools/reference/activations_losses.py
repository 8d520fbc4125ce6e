"""Writes reference values and float64 gradients of Keras 3 activations and losses.

Run with keras 3.15.1 and jax:  KERAS_BACKEND=jax python activations_losses.py OUT_DIR
Output: activations.json and losses.json, read by the Lamina tests (no Python needed there).
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import keras
import numpy as np

keras.config.set_floatx("float64")
out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(20261126)

ACTIVATIONS = ["linear", "relu", "leaky_relu", "elu", "selu", "gelu", "sigmoid", "hard_sigmoid",
               "tanh", "softmax", "softplus", "softsign", "silu", "swish", "exponential"]

# Inputs away from kinks (0 for relu-like, +-3 for hard_sigmoid) so derivatives are defined.
x = rng.uniform(-4, 4, size=(4, 5))
x[np.abs(x) < 0.05] += 0.2
x[np.abs(np.abs(x) - 3) < 0.05] += 0.2
proj = rng.normal(size=x.shape)

acts = {"x": x.tolist(), "projection": proj.tolist(), "cases": {}}
for name in ACTIVATIONS:
    f = keras.activations.get(name)
    y = np.asarray(f(jnp.asarray(x)))
    g = np.asarray(jax.grad(lambda v: jnp.sum(f(v) * proj))(jnp.asarray(x)))
    acts["cases"][name] = {"y": y.tolist(), "grad": g.tolist()}

losses = {"cases": []}


def add_loss(name, loss_obj, y_true, y_pred):
    yt = jnp.asarray(y_true)
    yp = jnp.asarray(y_pred)
    value = float(loss_obj(yt, yp))
    grad = np.asarray(jax.grad(lambda p: loss_obj(yt, p))(yp))
    losses["cases"].append({"name": name, "config": loss_obj.get_config(), "y_true": np.asarray(y_true).tolist(),
                            "y_pred": np.asarray(y_pred).tolist(), "loss": value, "grad": grad.tolist()})


reg_true = rng.normal(size=(6, 3))
reg_pred = reg_true + rng.normal(scale=1.5, size=(6, 3))
add_loss("mean_squared_error", keras.losses.MeanSquaredError(), reg_true, reg_pred)
add_loss("mean_absolute_error", keras.losses.MeanAbsoluteError(), reg_true, reg_pred)
add_loss("huber", keras.losses.Huber(delta=1.0), reg_true, reg_pred)
add_loss("log_cosh", keras.losses.LogCosh(), reg_true, reg_pred)

bin_true = rng.integers(0, 2, size=(8, 1)).astype(np.float64)
bin_prob = rng.uniform(0.02, 0.98, size=(8, 1))
bin_logit = rng.normal(scale=3, size=(8, 1))
add_loss("binary_crossentropy", keras.losses.BinaryCrossentropy(), bin_true, bin_prob)
add_loss("binary_crossentropy", keras.losses.BinaryCrossentropy(from_logits=True), bin_true, bin_logit)
add_loss("binary_crossentropy", keras.losses.BinaryCrossentropy(label_smoothing=0.1), bin_true, bin_prob)

labels = rng.integers(0, 4, size=(6,))
onehot = np.eye(4)[labels]
logits = rng.normal(scale=2, size=(6, 4))
probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
add_loss("categorical_crossentropy", keras.losses.CategoricalCrossentropy(), onehot, probs)
add_loss("categorical_crossentropy", keras.losses.CategoricalCrossentropy(from_logits=True), onehot, logits)
add_loss("categorical_crossentropy", keras.losses.CategoricalCrossentropy(label_smoothing=0.2), onehot, probs)
add_loss("sparse_categorical_crossentropy", keras.losses.SparseCategoricalCrossentropy(),
         labels.reshape(6, 1).astype(np.float64), probs)
add_loss("sparse_categorical_crossentropy", keras.losses.SparseCategoricalCrossentropy(from_logits=True),
         labels.reshape(6, 1).astype(np.float64), logits)

with open(os.path.join(out_dir, "activations.json"), "w") as fh:
    json.dump(acts, fh, indent=1)
with open(os.path.join(out_dir, "losses.json"), "w") as fh:
    json.dump(losses, fh, indent=1)
print("wrote", len(ACTIVATIONS), "activations and", len(losses["cases"]), "losses")
