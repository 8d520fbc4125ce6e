"""Compares the lesson's lowest val_loss per variant, Lamina against Keras, over many seeds.

Reads Keras' runs (keras_lesson_runs.py output lines "red-wine VARIANT seed S: min val_loss V ...")
and Lamina's (lamina demo outputs, the table row "VARIANT  MIN  EPOCH ...", or those rows collected
with a "seed N" prefix as in lamina_lesson_runs.txt), and prints per variant
the mean and standard error of each, the difference in standard errors of the difference, and
Welch's t-test (two-sided p from the t distribution, computed here without SciPy).
Run: python3 lesson_gap.py keras_lesson_runs_tensorflow.txt lamina_lesson_runs.txt > lesson_gap.txt
(lamina_lesson_runs.txt: `./lamina demo --seed S` for S in 0..9, the table rows of each).
"""
import math
import re
import sys

VARIANTS = ["baseline", "dropout", "batchnorm", "dropout+batchnorm"]


def keras_runs(path):
    out = {v: [] for v in VARIANTS}
    for line in open(path):
        m = re.match(r"red-wine (\S+)\s+seed \d+: min val_loss ([0-9.]+)", line)
        if m:
            out[m.group(1)].append(float(m.group(2)))
    return out


def lamina_runs(paths):
    out = {v: [] for v in VARIANTS}
    for p in paths:
        seen = set()
        for line in open(p):
            if line.startswith("seed "):
                seen = set()  # lamina_lesson_runs.txt: one file, one block per seed
            m = re.match(r"(?:seed \d+\s+)?(baseline|dropout\+batchnorm|dropout|batchnorm)\s+([0-9.]+)\s+\d+\s", line)
            if m and m.group(1) not in seen:
                seen.add(m.group(1))
                out[m.group(1)].append(float(m.group(2)))
    return out


def mean_se(xs):
    n = len(xs)
    m = sum(xs) / n
    var = sum((x - m) ** 2 for x in xs) / (n - 1)
    return m, math.sqrt(var / n), var


def t_sf(t, df):
    """P(T > t) for Student's t with df degrees of freedom (regularized incomplete beta)."""
    x = df / (df + t * t)
    return 0.5 * betainc(df / 2, 0.5, x)


def betainc(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbeta) * cf(a, b, x) / a
    return 1 - math.exp(lbeta) * cf(b, a, 1 - x) / b


def cf(a, b, x):
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > 1e-300 else 1e-300)
    h = d
    for m in range(1, 300):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + num / c if abs(1 + num / c) > 1e-300 else 1e-300
            h *= d * c
    return h


keras = keras_runs(sys.argv[1])
lamina = lamina_runs(sys.argv[2:])
print(f"{'variant':18s} {'Lamina mean':>11s} {'SE':>7s} {'n':>3s} {'Keras mean':>11s} {'SE':>7s} {'n':>3s} "
      f"{'diff/SE':>8s} {'Welch p':>8s}")
for v in VARIANTS:
    lm, ls, lv = mean_se(lamina[v])
    km, ks, kv = mean_se(keras[v])
    se = math.sqrt(ls ** 2 + ks ** 2)
    t = (lm - km) / se
    nl, nk = len(lamina[v]), len(keras[v])
    df = (lv / nl + kv / nk) ** 2 / ((lv / nl) ** 2 / (nl - 1) + (kv / nk) ** 2 / (nk - 1))
    p = 2 * t_sf(abs(t), df)
    print(f"{v:18s} {lm:11.4f} {ls:7.4f} {nl:3d} {km:11.4f} {ks:7.4f} {nk:3d} {t:8.2f} {p:8.3f}")
