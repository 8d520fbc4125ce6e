"""Reference encodings for FeatureSpec (scikit-learn 1.9.1): the titanic table's rows 0-999 fit a
ColumnTransformer of SimpleImputer(median) + StandardScaler on the numeric columns and
SimpleImputer(constant "(missing)") + OneHotEncoder(handle_unknown="ignore") on the categorical
ones; rows 1000-1308 are transformed. Lamina's spec with the same settings must give the same
values (its out-of-vocabulary column aside). Run: python3 sklearn_feature_spec.py >
../../lamina-core/src/test/resources/dev/lamina/data/titanic_sklearn.json
"""
import json
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

path = sys.argv[1] if len(sys.argv) > 1 else "../../lamina-core/src/test/resources/datasets/titanic/titanic.csv"
df = pd.read_csv(path, dtype=str, keep_default_na=False)
numeric = ["age", "sibsp", "parch", "fare"]
categorical = ["sex", "embarked", "pclass"]
for c in numeric:
    df[c] = pd.to_numeric(df[c].replace("", np.nan))
for c in categorical:
    df[c] = df[c].replace("", "(missing)")
train, test = df.iloc[:1000], df.iloc[1000:]
ct = ColumnTransformer([
    ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical),
])
ct.fit(train)
out = ct.transform(test)
names = [n.split("__", 1)[1] for n in ct.get_feature_names_out()]
names = [n if n in numeric else n.replace("_", "=", 1) for n in names]
print(json.dumps({"sklearn": sklearn.__version__, "numeric": numeric, "categorical": categorical,
                  "train_rows": 1000, "names": names, "values": out.astype(float).tolist()}))
