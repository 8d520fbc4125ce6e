"""Prints what XLA fuses in Keras 3's training step and predict for the W1 model (JAX backend, CPU).

The W1 model of ../../shared/peers: 11 -> [Dense(1024, relu) -> Dropout(0.3) -> BatchNormalization]
x 3 -> Dense(1), MAE, Adam(1e-3, epsilon 1e-7), batch 256. The step is Keras' own stateless
`train_step`, jitted and compiled as `model.fit` does; the script lists each fusion of the optimized
HLO with the operations inside it, and the matrix products (`dot`, or oneDNN/Eigen custom calls)
left outside fusions. Usage: KERAS_BACKEND=jax python w1_hlo.py [OUT_PREFIX]
"""
import collections
import os
import re
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402


def w1_model():
    layers = [keras.Input((11,))]
    for _ in range(3):
        layers += [keras.layers.Dense(1024, activation="relu"), keras.layers.Dropout(0.3),
                   keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3)]
    layers.append(keras.layers.Dense(1))
    m = keras.Sequential(layers)
    m.compile(optimizer=keras.optimizers.Adam(1e-3, epsilon=1e-7), loss="mae")
    return m


def summarize(name, text):
    comps = {}
    current = None
    for line in text.splitlines():
        head = re.match(r"^(?:ENTRY )?%?([\w.\-]+) \(.*\) -> .* \{$", line)
        if head:
            current = head.group(1)
            comps[current] = []
        elif current and line.strip() == "}":
            current = None
        elif current:
            op = re.search(r"= [\w\[\]{},:\d ]*?\b([a-z][a-z\-]*)\(", line)
            if op:
                comps[current].append(op.group(1))
    entry = [c for c in comps if "main" in c or c.startswith("ENTRY")]
    print(f"== {name}: {len(comps)} computations")
    kinds = collections.Counter()
    for c, ops in comps.items():
        if c.startswith("fused_computation") or "fusion" in c:
            body = collections.Counter(o for o in ops if o not in ("parameter", "constant", "broadcast", "bitcast"))
            kinds[", ".join(sorted(body))] += 1
    for k, v in kinds.most_common():
        print(f"  {v:3d} x fusion of: {k}")
    calls = collections.Counter()
    for line in text.splitlines():
        for op in ("dot(", "custom-call(", "convolution("):
            if op in line and "fused_computation" not in line:
                target = re.search(r'custom_call_target="([^"]+)"', line)
                calls[op[:-1] + (":" + target.group(1) if target else "")] += 1
    for k, v in calls.most_common():
        print(f"  {v:3d} x {k}")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else None
    model = w1_model()
    x = np.random.default_rng(0).normal(size=(256, 11)).astype("float32")
    y = np.random.default_rng(1).normal(size=(256, 1)).astype("float32")
    model.train_on_batch(x, y)  # builds the optimizer's variables
    state = ([v.value for v in model.trainable_variables], [v.value for v in model.non_trainable_variables],
             [v.value for v in model.optimizer.variables], [v.value for v in model.metrics_variables])
    step = jax.jit(model.train_step).lower(state, (x, y)).compile().as_text()
    summarize("train step (batch 256)", step)
    xp = np.random.default_rng(2).normal(size=(4096, 11)).astype("float32")
    pstate = ([v.value for v in model.trainable_variables], [v.value for v in model.non_trainable_variables])
    pred = jax.jit(model.predict_step).lower(pstate, (xp,)).compile().as_text()
    summarize("predict step (batch 4096)", pred)
    if out:
        open(out + "_train.hlo.txt", "w").write(step)
        open(out + "_predict.hlo.txt", "w").write(pred)


if __name__ == "__main__":
    main()
