"""Writes the Kaggle lesson's train/validation splits of the bundled data sets.

The lesson splits with pandas: df_train = df.sample(frac=0.7, random_state=0); df_valid = df.drop(df_train.index).
This writes the training rows' indices, in the sampled order, one per line; the validation rows are the others,
in file order. Run: python3 lesson_splits.py DATASETS_DIR OUT_DIR
"""
import sys
import pandas as pd

src, out = sys.argv[1], sys.argv[2]
for name, path in [("red-wine", "red_wine_quality/red_wine_quality.csv"), ("concrete", "concrete/concrete.csv")]:
    df = pd.read_csv(f"{src}/{path}")
    train = df.sample(frac=0.7, random_state=0)
    with open(f"{out}/{name}.lesson-split.txt", "w") as f:
        f.write("\n".join(str(i) for i in train.index) + "\n")
    print(name, len(train), "training rows of", len(df))
