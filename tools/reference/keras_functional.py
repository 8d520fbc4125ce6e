"""Functional Keras models, as fixtures for importing functional chains and refusing graphs.

Writes, under OUT_DIR:
- chain.keras, chain.legacy.h5: Input(6) -> Dense(8, relu) -> BatchNormalization -> Dropout(0.3)
  -> Dense(3, softmax), built with the functional API; chain.input.csv and chain.expected.csv hold
  Keras' own predictions (inference mode).
- branching.keras: one input feeding two Dense heads (two outputs), which is not a chain.
- skip.keras: Dense(4) whose output goes to a Dense(4) and, around it, to a Concatenate.
Written by Keras 3.15.1 (JAX backend, CPU). Run:
  KERAS_BACKEND=jax python keras_functional.py lamina-keras/src/test/resources/keras/functional
"""
import os, sys
os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
import keras

out = sys.argv[1]
keras.utils.set_random_seed(11)
rng = np.random.default_rng(11)

inputs = keras.Input((6,))
x = keras.layers.Dense(8, activation="relu")(inputs)
x = keras.layers.BatchNormalization()(x)
x = keras.layers.Dropout(0.3)(x)
outputs = keras.layers.Dense(3, activation="softmax")(x)
chain = keras.Model(inputs, outputs)
bn = chain.layers[2]
bn.moving_mean.assign(rng.normal(size=8).astype("float32") * 0.2)
bn.moving_variance.assign(1 + rng.uniform(size=8).astype("float32"))
bn.gamma.assign(1 + rng.normal(size=8).astype("float32") * 0.1)
bn.beta.assign(rng.normal(size=8).astype("float32") * 0.1)
chain.save(os.path.join(out, "chain.keras"))
chain.save(os.path.join(out, "chain.legacy.h5"))
xs = rng.normal(size=(20, 6)).astype("float32")
ys = chain.predict(xs, verbose=0)
np.savetxt(os.path.join(out, "chain.input.csv"), xs, delimiter=",", fmt="%.9g",
           header=",".join(f"x{i}" for i in range(6)), comments="")
np.savetxt(os.path.join(out, "chain.expected.csv"), ys, delimiter=",", fmt="%.9g",
           header=",".join(f"y{i}" for i in range(3)), comments="")

inputs = keras.Input((6,))
a = keras.layers.Dense(2, name="head_a")(inputs)
b = keras.layers.Dense(2, name="head_b")(inputs)
keras.Model(inputs, [a, b]).save(os.path.join(out, "branching.keras"))

inputs = keras.Input((6,))
h = keras.layers.Dense(4, name="trunk")(inputs)
g = keras.layers.Dense(4, name="inner")(h)
keras.Model(inputs, keras.layers.Concatenate(name="join")([h, g])).save(os.path.join(out, "skip.keras"))
