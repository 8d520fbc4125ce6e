"""The lesson's runs in Keras 3.15.1 over several seeds: the reference ranges that `lamina demo`
is compared with.

Raw (unscaled) features and the lesson split (df.sample(frac=0.7, random_state=0)), 100 epochs.
- concrete: Input(8) -> BatchNormalization -> [Dense(512, relu) -> BatchNormalization] x3 -> Dense(1),
  SGD (lr 0.01), MAE, batch 64.
- red-wine, four variants of [Dense(1024, relu) (-> Dropout(0.3)) (-> BatchNormalization)] x3 ->
  Dense(1), Adam, MAE, batch 256.
Prints, per run, the minimum val_loss and its epoch, and the final loss and val_loss.
Run: KERAS_BACKEND=jax python keras_lesson_runs.py DATASETS_DIR FIRST_SEED LAST_SEED [wine]
(with "wine", the red-wine runs only). keras_lesson_runs_tensorflow.txt holds ten seeds on TensorFlow.
"""
import os, sys
os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
import pandas as pd
import keras


def split(path, target):
    df = pd.read_csv(path)
    train = df.sample(frac=0.7, random_state=0)
    valid = df.drop(train.index)
    return [(d.drop(columns=[target]).to_numpy("float32"), d[target].to_numpy("float32")) for d in (train, valid)]


def run(name, seed, data, build, optimizer, batch):
    (xt, yt), (xv, yv) = data
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((xt.shape[1],))] + build() + [keras.layers.Dense(1)])
    model.compile(optimizer=optimizer, loss="mae")
    h = model.fit(xt, yt, validation_data=(xv, yv), batch_size=batch, epochs=100, verbose=0).history
    v = np.array(h["val_loss"])
    best = f"{np.nanmin(v):.4f} at epoch {int(np.nanargmin(v)) + 1}" if np.isfinite(v).any() else "nan"
    print(f"{name:22s} seed {seed}: min val_loss {best}, final loss {h['loss'][-1]:.4f} val_loss {v[-1]:.4f}",
          flush=True)


root, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
wine_only = len(sys.argv) > 4 and sys.argv[4] == "wine"
concrete = split(f"{root}/concrete/concrete.csv", "compressive_strength")
wine = split(f"{root}/red_wine_quality/red_wine_quality.csv", "quality")


def concrete_bn():
    out = [keras.layers.BatchNormalization()]
    for _ in range(3):
        out += [keras.layers.Dense(512, activation="relu"), keras.layers.BatchNormalization()]
    return out


def wine_model(dropout, bn):
    def build():
        out = []
        for _ in range(3):
            out.append(keras.layers.Dense(1024, activation="relu"))
            if dropout:
                out.append(keras.layers.Dropout(0.3))
            if bn:
                out.append(keras.layers.BatchNormalization())
        return out
    return build


for seed in range(first, last + 1):
    if not wine_only:
        run("concrete sgd+batchnorm", seed, concrete, concrete_bn, "sgd", 64)
    for name, d, b in [("baseline", False, False), ("dropout", True, False), ("batchnorm", False, True),
                       ("dropout+batchnorm", True, True)]:
        run("red-wine " + name, seed, wine, wine_model(d, b), "adam", 256)
