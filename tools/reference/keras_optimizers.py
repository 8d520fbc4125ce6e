"""Reference steps for optimizers (Keras 3.15.1: Nadam, Adamax, Adadelta, Lion): a 3x4 variable, eight fixed gradients, and the
variable after each apply_gradients, per optimizer configuration (defaults, a larger learning rate,
weight decay, clipnorm, clipvalue). Run: KERAS_BACKEND=jax python3 keras_optimizers.py >
../../lamina-core/src/test/resources/reference/optimizers.json
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras
import numpy as np

rs = np.random.RandomState(21)
w0 = rs.normal(0, 1, (3, 4)).astype("float32")
grads = [rs.normal(0, 1, (3, 4)).astype("float32") * (0.1 if k % 3 == 0 else 1.0) for k in range(8)]
CONFIGS = {
    "nadam": [{}, {"learning_rate": 0.05}, {"weight_decay": 0.01}, {"clipnorm": 1.0}, {"beta_1": 0.8, "epsilon": 1e-4}],
    "adamax": [{}, {"learning_rate": 0.05}, {"weight_decay": 0.01}, {"clipvalue": 0.5}, {"beta_2": 0.9}],
    "adadelta": [{}, {"learning_rate": 1.0}, {"rho": 0.9, "epsilon": 1e-5}, {"weight_decay": 0.01}],
    "lion": [{}, {"learning_rate": 0.01}, {"beta_1": 0.5, "beta_2": 0.9}, {"weight_decay": 0.1}, {"clipnorm": 0.5}],
}
cases = []
for name, configs in CONFIGS.items():
    for cfg in configs:
        opt = keras.optimizers.get({"class_name": name, "config": cfg})
        v = keras.Variable(w0.copy())
        steps = []
        for g in grads:
            opt.apply_gradients([(keras.ops.convert_to_tensor(g), v)])
            steps.append(np.asarray(v.value).tolist())
        cases.append({"optimizer": name, "config": cfg, "class_name": opt.__class__.__name__,
                      "keras_config": {k: v for k, v in opt.get_config().items() if not isinstance(v, dict)},
                      "steps": steps})
print(json.dumps({"keras": keras.__version__, "w0": w0.tolist(), "grads": [g.tolist() for g in grads], "cases": cases}))
