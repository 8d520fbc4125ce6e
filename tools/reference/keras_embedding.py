"""Reference values for Embedding and Flatten (Keras 3.15.1, JAX backend): a Sequential of
Embedding(7, 4), Flatten and Dense(2) with fixed weights, its model config as Keras writes it, its
predictions, and its weights and loss after one epoch of 3 SGD batches. Also saves the untrained
model as a .keras file (KERAS_FILE, if set) for the importer's test. Run: KERAS_BACKEND=jax
KERAS_FILE=../../lamina-keras/src/test/resources/keras/keras-3.15.1_embedding-flatten-dense.keras
python3 keras_embedding.py > ../../lamina-core/src/test/resources/dev/lamina/layers/core/embedding.json
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras
import numpy as np

m = keras.Sequential([keras.Input((3,)), keras.layers.Embedding(7, 4), keras.layers.Flatten(),
                      keras.layers.Dense(2, activation="tanh")])
rs = np.random.RandomState(5)
m.set_weights([rs.normal(0, 0.5, w.shape).astype("float32") for w in m.get_weights()])
m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.2), loss="mse")
x = rs.randint(0, 7, (12, 3)).astype("float32")
y = rs.normal(0, 1, (12, 2)).astype("float32")
initial = [w.tolist() for w in m.get_weights()]
predictions = m.predict(x, verbose=0).tolist()
if os.environ.get("KERAS_FILE"):
    m.save(os.environ["KERAS_FILE"])
h = m.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
print(json.dumps({"keras": keras.__version__, "config": json.loads(m.to_json()), "x": x.tolist(),
                  "y": y.tolist(), "initial": initial, "predictions": predictions,
                  "loss": h.history["loss"][0], "final": [w.tolist() for w in m.get_weights()]}))
