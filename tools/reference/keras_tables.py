"""Keras 3.15.1 + scikit-learn 1.9.1 on titanic and ames_housing, for the table features' figures.

Splits each file 80/20 (train_test_split, random_state=0), writes the parts as CSV files (so that
`lamina train` / `lamina evaluate` run on the same rows), prepares the columns as scikit-learn's
usual pipeline does (numeric: SimpleImputer(median) + StandardScaler; categorical: SimpleImputer
(constant) + OneHotEncoder(handle_unknown="ignore"); titanic's name, ticket, cabin, home_dest and
the leaking boat and body dropped, as a person would), and fits the same networks as the Lamina
runs with seeds 0 and 1. Prints test accuracy (titanic) and test MAE (ames).
Run: KERAS_BACKEND=jax python3 keras_tables.py DATASETS_DIR OUT_DIR [SEEDS, default 2] [titanic|ames]
(keras_titanic_seeds.txt: SEEDS 20, titanic only, beside lamina_titanic_seeds.txt)
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

data, out = sys.argv[1], sys.argv[2]
SEEDS = range(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
ONLY = sys.argv[4] if len(sys.argv) > 4 else None


def prepare(train, test, target, drop):
    x_train, x_test = train.drop(columns=[target] + drop), test.drop(columns=[target] + drop)
    numeric = [c for c in x_train.columns if pd.api.types.is_numeric_dtype(x_train[c])]
    categorical = [c for c in x_train.columns if c not in numeric]
    ct = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"),
                              OneHotEncoder(handle_unknown="ignore", sparse_output=False)), categorical),
    ])
    return ct.fit_transform(x_train).astype("float32"), ct.transform(x_test).astype("float32")


def run(name, target, drop, layers, loss, lr, epochs, metric):
    if ONLY and not name.startswith(ONLY):
        return
    df = pd.read_csv(os.path.join(data, name))
    train, test = train_test_split(df, test_size=0.2, random_state=0)
    base = os.path.splitext(os.path.basename(name))[0]
    train.to_csv(os.path.join(out, base + "_train.csv"), index=False)
    test.to_csv(os.path.join(out, base + "_test.csv"), index=False)
    x_train, x_test = prepare(train, test, target, drop)
    y_train, y_test = train[target].to_numpy("float32"), test[target].to_numpy("float32")
    scores = []
    for seed in SEEDS:
        keras.utils.set_random_seed(seed)
        m = keras.Sequential([keras.Input((x_train.shape[1],))] + layers())
        m.compile(optimizer=keras.optimizers.Adam(lr), loss=loss, metrics=[metric])
        m.fit(x_train, y_train, epochs=epochs, batch_size=32, verbose=0)
        result = m.evaluate(x_test, y_test, verbose=0, return_dict=True)
        print(f"{base} seed {seed}: {metric} {result[metric]:.4f} loss {result['loss']:.4f}")
        scores.append(result[metric])
    print(f"{base} mean {metric} over {len(scores)} seeds: {np.mean(scores):.4f}")


run("titanic/titanic.csv", "survived", ["name", "ticket", "cabin", "home_dest", "boat", "body"],
    lambda: [keras.layers.Dense(32, activation="relu"), keras.layers.Dropout(0.3),
             keras.layers.Dense(1, activation="sigmoid")], "binary_crossentropy", 0.001, 100, "accuracy")
run("ames_housing/ames.csv", "Sale_Price", [],
    lambda: [keras.layers.Dense(128, activation="relu"), keras.layers.Dense(64, activation="relu"),
             keras.layers.Dense(1)], "mae", 0.01, 100, "mae")
