"""Reference values for Lamina's activations and the cross-entropy clip (Keras 3.15.1).

For every activation Keras 3.15 resolves by name (glu, which halves the last axis, and threshold,
which needs arguments, aside), its values
and gradients at the points below, kinks and extremes included; log_softmax and sparsemax on rows,
with the gradient of a weighted sum; binary and categorical cross-entropy on saturated probabilities; the
Huber loss's config name. At kinks the backends' gradients differ (leaky_relu and selu at 0,
celu at 0, sparse_sigmoid at +-1); Lamina follows TensorFlow. The backend is recorded. Run:
KERAS_BACKEND=tensorflow python3 keras_activations_parity.py > ../../lamina-core/src/test/resources/reference/keras_parity_tensorflow.json
(and KERAS_BACKEND=jax ... keras_parity_jax.json).
"""
import json
import os

import keras
import numpy as np

BACKEND = keras.backend.backend()
POINTS = [-20.0, -7.0, -6.0, -3.5, -3.0, -1.5, -1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 1.5, 3.0, 3.5, 6.0, 7.0, 20.0]
NAMES = ["linear", "relu", "leaky_relu", "elu", "selu", "gelu", "sigmoid", "hard_sigmoid", "tanh", "softplus",
         "softsign", "silu", "exponential", "relu6", "celu", "hard_silu", "mish", "log_sigmoid", "squareplus",
         "sparse_plus", "sparse_sigmoid", "hard_tanh", "tanh_shrink", "hard_shrink", "soft_shrink"]


def value_and_grad(f, x, w):
    """f(x) and the gradient of sum(w * f(x)) with respect to x, on the current backend."""
    if BACKEND == "jax":
        import jax
        import jax.numpy as jnp
        y = f(jnp.asarray(x))
        g = jax.grad(lambda v: jnp.sum(jnp.asarray(w) * f(v)))(jnp.asarray(x))
        return np.asarray(y), np.asarray(g)
    import tensorflow as tf
    v = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = f(v)
        s = tf.reduce_sum(tf.constant(w) * y)
    return y.numpy(), tape.gradient(s, v).numpy()


x = np.array(POINTS, dtype="float32")
ones = np.ones_like(x)
out = {"keras": keras.__version__, "backend": BACKEND, "points": POINTS, "activations": {}}
for name in NAMES:
    y, g = value_and_grad(keras.activations.get(name), x, ones)
    out["activations"][name] = {"values": y.tolist(), "gradients": g.tolist()}
layer = keras.layers.LeakyReLU()
y, g = value_and_grad(lambda v: layer(v), x, ones)
out["leaky_relu_layer"] = {"negative_slope": float(layer.negative_slope), "values": y.tolist(), "gradients": g.tolist()}
rows = np.array([[1.0, 2.0, 3.0], [-50.0, 0.0, 50.0], [0.0, 0.0, 0.0], [100.0, 100.0, -100.0]], dtype="float32")
w = np.array([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0], [0.0, 3.0, -1.0], [1.5, -0.5, 0.25]], dtype="float32")
y, g = value_and_grad(keras.activations.get("log_softmax"), rows, w)
out["log_softmax"] = {"x": rows.tolist(), "w": w.tolist(), "values": y.tolist(), "gradients": g.tolist()}
srows = np.array([[1.1, 2.3, 3.05, -1.0], [0.1, 0.2, 0.15, 0.0], [5.0, -5.0, 0.0, 4.5], [0.3, 0.3, 0.3, 0.3]],
                 dtype="float32")
sw = np.array([[0.5, -1.0, 2.0, 1.0], [1.0, 2.0, -1.0, 0.5], [0.0, 3.0, -1.0, 2.0], [1.5, -0.5, 0.25, 1.0]],
              dtype="float32")
y, g = value_and_grad(keras.activations.get("sparsemax"), srows, sw)
out["sparsemax"] = {"x": srows.tolist(), "w": sw.tolist(), "values": y.tolist(), "gradients": g.tolist()}
y_true = np.array([[1.0], [0.0], [1.0], [0.0], [1.0]], dtype="float32")
y_pred = np.array([[0.0], [1.0], [1e-9], [0.99999999], [0.5]], dtype="float32")
out["binary_crossentropy"] = {"y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
                              "loss": float(keras.losses.BinaryCrossentropy()(y_true, y_pred))}
c_true = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype="float32")
c_pred = np.array([[0.0, 0.5, 0.5], [0.0, 1.0, 0.0]], dtype="float32")
out["categorical_crossentropy"] = {"y_true": c_true.tolist(), "y_pred": c_pred.tolist(),
                                   "loss": float(keras.losses.CategoricalCrossentropy()(c_true, c_pred))}
out["huber_name"] = keras.losses.Huber().get_config()["name"]
print(json.dumps(out))
