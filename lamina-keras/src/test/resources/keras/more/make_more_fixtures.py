#!/usr/bin/env python3
"""Writes Keras 3.15.1 files for what the first fixtures left out, with 5 input rows and Keras' own predictions.

Run (keras==3.15.1 and jax installed; from any folder):  python make_more_fixtures.py  (ONLY=stem,... for some)
Outputs go next to this script (README.md here lists them). The files do not depend on the backend; JAX was used.
"""
import os
import warnings

os.environ["KERAS_BACKEND"] = "jax"
warnings.simplefilter("ignore")  # LayerNormalization(rms_scaling=True) is deprecated, and warns so
import numpy as np
import keras
from keras import layers

assert keras.__version__ == "3.15.1", keras.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
V = keras.__version__


def write_csv(path, arr, prefix):
    arr = np.asarray(arr, np.float32)
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(f"{prefix}{i}" for i in range(arr.shape[1])) + "\n")
        for row in arr:
            f.write(",".join("%.9g" % v for v in row) + "\n")


def save(model, stem, formats, features):
    if os.environ.get("ONLY") and stem not in os.environ["ONLY"].split(","):
        return  # ONLY=stem1,stem2 rewrites those files alone (the models before them are still built, for the seeds)
    x = np.random.default_rng(0).normal(2.0, 3.0, size=(5, features)).astype("float32")
    y = model.predict(x, verbose=0)
    for fmt in formats:
        name = f"keras-{V}_{stem}.{fmt}"
        model.save(os.path.join(HERE, name))
        write_csv(os.path.join(HERE, name + ".input.csv"), x, "x")
        write_csv(os.path.join(HERE, name + ".expected.csv"), y, "y")


keras.utils.set_random_seed(0)
adapt_data = np.random.default_rng(1).normal(3.0, 2.0, size=(64, 4)).astype("float32")

# An adapted Normalization keeps three variables (mean, variance and an int 'count' that Keras 3 never
# updates); rms_scaling scales by the variance without centering, with gamma and without beta.
norm = layers.Normalization()
norm.adapt(adapt_data)
back = layers.Normalization(invert=True)
back.adapt(adapt_data[:, :3])
rms = layers.LayerNormalization(rms_scaling=True)
model = keras.Sequential([keras.Input((4,)), norm, layers.Dense(3, activation="tanh"), rms, back, layers.Dense(2)],
                         name="adapted")
rms.set_weights([np.array([1.0, -0.5, 2.0], "float32")])
model.compile(optimizer="adam", loss="mse")
save(model, "normalization-adapted-rms-scaling", ["keras", "legacy.h5"], 4)

# Given statistics live in the config, not in variables: one value for all features, or one per feature.
model = keras.Sequential([keras.Input((4,)), layers.Normalization(mean=2.0, variance=4.0),
                          layers.Normalization(mean=[0.5, -1.0, 2.0, 0.0], variance=[4.0, 0.25, 1.0, 9.0], invert=True),
                          layers.Dense(2)], name="given")
save(model, "normalization-given", ["keras", "legacy.h5"], 4)

# Layer names outside ASCII: the legacy file's weight_names are UTF-8 bytes under HDF5's ASCII character set.
model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="relu", name="düsen"),
                          layers.Dense(1, name="ü-out")], name="umlaute")
save(model, "non-ascii-names", ["legacy.h5"], 4)

# The activation layers: ReLU with a ceiling, a threshold and a slope; PReLU with learned (here random) slopes;
# ELU with another alpha; Identity; Softmax.
prelu = layers.PReLU()
model = keras.Sequential([keras.Input((4,)), layers.Dense(6), layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2),
                          layers.Dense(6), prelu, layers.Dense(5), layers.ELU(alpha=0.5), layers.Identity(),
                          layers.Dense(3), layers.Softmax()], name="activation_layers")
prelu.set_weights([np.random.default_rng(2).uniform(-0.5, 0.8, size=(6,)).astype("float32")])
save(model, "activation-layers", ["keras", "legacy.h5"], 4)

# RMSNormalization (a learned scale, here random) and UnitNormalization.
rms_norm = layers.RMSNormalization()
model = keras.Sequential([keras.Input((4,)), layers.Dense(6), rms_norm, layers.Dense(5, activation="tanh"),
                          layers.UnitNormalization(), layers.Dense(2)], name="rms_unit")
rms_norm.set_weights([np.random.default_rng(3).uniform(0.2, 1.8, size=(6,)).astype("float32")])
save(model, "rms-unit-normalization", ["keras", "legacy.h5"], 4)

# Rescaling with one factor for all features, with a list per feature, and with NumPy values (which Keras writes
# as {"class_name": "__numpy__", ...}); an activity_regularizer and ActivityRegularization change training only.
model = keras.Sequential([keras.Input((4,)), layers.Rescaling(1 / 255.0, offset=-0.5),
                          layers.Rescaling([50.0, 200.0, -100.0, 400.0], offset=[0.1, 0.0, -0.2, 1.0]),
                          layers.Dense(6, activation="relu", activity_regularizer="l2"),
                          layers.Rescaling(np.linspace(0.5, 1.5, 6).astype("float32"), offset=np.float32(0.25)),
                          layers.ActivityRegularization(l1=0.01), layers.Dense(2)], name="rescaling")
save(model, "rescaling-activity", ["keras", "legacy.h5"], 4)
