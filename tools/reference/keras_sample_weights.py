"""Reference values for sample_weight and class_weight in fit (Keras 3.15.1, JAX backend).

Each case sets a small model's initial weights from a fixed random state, fits 3 steps (one epoch
of 3 batches, no shuffling) with sample_weight or class_weight, and records the history (loss and a
metric), a weighted evaluate, and the final weights. Run: KERAS_BACKEND=jax python3
keras_sample_weights.py > ../../lamina-core/src/test/resources/dev/lamina/models/sample_weights.json
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras
import numpy as np


def model(units, activation, loss, metric, lr):
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="tanh"),
                          keras.layers.Dense(units, activation=activation)])
    rs = np.random.RandomState(7)
    m.set_weights([rs.normal(0, 0.5, w.shape).astype("float32") for w in m.get_weights()])
    m.compile(optimizer=keras.optimizers.SGD(learning_rate=lr, momentum=0.5), loss=loss, metrics=[metric])
    return m


def case(name, units, activation, loss, metric, y, sample_weight=None, class_weight=None, lr=0.1):
    rs = np.random.RandomState(11)
    x = rs.normal(0, 1, (12, 4)).astype("float32")
    m = model(units, activation, loss, metric, lr)
    initial = [w.tolist() for w in m.get_weights()]
    h = m.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0, sample_weight=sample_weight,
              class_weight=class_weight)
    ev = m.evaluate(x, y, batch_size=5, verbose=0, sample_weight=sample_weight, return_dict=True)
    return {
        "name": name, "units": units, "activation": activation, "loss": loss, "metric": metric, "lr": lr,
        "x": x.tolist(), "y": np.asarray(y).tolist(),
        "sample_weight": None if sample_weight is None else np.asarray(sample_weight).tolist(),
        "class_weight": None if class_weight is None else {str(k): v for k, v in class_weight.items()},
        "initial": initial, "final": [w.tolist() for w in m.get_weights()],
        "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
        "evaluate": {k: float(v) for k, v in ev.items()},
    }


rs = np.random.RandomState(3)
cases = [
    case("mse_sample_weight", 2, None, "mse", "mae", rs.normal(0, 1, (12, 2)).astype("float32"),
         sample_weight=rs.uniform(0, 3, 12).astype("float32")),
    case("mae_sample_weight_zeros", 1, None, "mae", "mse", rs.normal(0, 1, (12, 1)).astype("float32"),
         sample_weight=np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], dtype="float32")),
    case("bce_class_weight", 1, "sigmoid", "binary_crossentropy", "accuracy",
         np.array([[0], [1], [1], [0], [0], [1], [0], [0], [1], [1], [0], [1]], dtype="float32"),
         class_weight={0: 1.0, 1: 3.0}),
    case("sparse_cce_class_weight", 3, "softmax", "sparse_categorical_crossentropy", "accuracy",
         np.array([[0], [1], [2], [2], [1], [0], [2], [2], [1], [0], [0], [2]], dtype="float32"),
         class_weight={0: 0.5, 2: 2.0}),
    case("cce_one_hot_class_weight", 3, "softmax", "categorical_crossentropy", "accuracy",
         np.eye(3, dtype="float32")[[0, 1, 2, 2, 1, 0, 2, 2, 1, 0, 0, 2]], class_weight={1: 4.0, 2: 0.25}),
    case("cce_sample_weight", 3, "softmax", "categorical_crossentropy", "categorical_accuracy",
         np.eye(3, dtype="float32")[[2, 1, 0, 2, 1, 0, 2, 2, 1, 0, 1, 2]],
         sample_weight=rs.uniform(0, 2, 12).astype("float32")),
]
print(json.dumps({"keras": keras.__version__, "backend": keras.backend.backend(), "cases": cases}, indent=1))
