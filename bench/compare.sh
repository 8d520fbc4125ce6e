#!/usr/bin/env bash
# Runs Lamina's, PyTorch 2.13's and Keras 3.15.1-on-JAX's benchmarks in turn (A B C, ROUNDS times)
# on the same machine, 2 threads each, and prints each row's medians, its best peer, and Lamina's
# ratio to that peer (time / time or rate / rate, so below 1 means ahead on times and above 1 on
# rates), then that ratio in each round (how far the host moved between rounds), with the
# machine's CPU family and vector width (family 25 with AVX-512: Zen 4; without: Zen 3; 26: Zen 5).
# The peers come from the machine's local package mirror into virtual environments:
#   python3 -m venv .torchvenv && .torchvenv/bin/pip install "torch==2.13.0+cpu" numpy
#   python3 -m venv .jaxvenv && .jaxvenv/bin/pip install keras==3.15.1 jax numpy
# (or point TORCH_VENV / JAX_VENV at existing ones; a peer whose venv is missing is skipped).
# Usage: bench/compare.sh [ROUNDS] [WORKLOADS]   (default 3 rounds of W1,W2,W3,W4)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
workloads="${2:-W1,W2,W3,W4}"
torch="${TORCH_VENV:-$root/.torchvenv}"
jax="${JAX_VENV:-$root/.jaxvenv}"
peers="${PEERS_DIR:-$root/../shared/peers}"
out="$(mktemp -d)"
grep -m1 'model name' /proc/cpuinfo || true
family="$(grep -m1 'cpu family' /proc/cpuinfo | sed 's/.*: //')"
if grep -qw avx512f /proc/cpuinfo; then avx512=yes; else avx512=no; fi
for r in $(seq 1 "$rounds"); do
  "$root/lamina" bench --threads 2 --workloads "$workloads" --json "$out/lamina$r.json" > "$out/lamina$r.log"
  if [ -x "$torch/bin/python" ]; then
    "$torch/bin/python" "$peers/torch/bench.py" --threads 2 --workloads "$workloads" --json "$out/torch$r.json" \
      > "$out/torch$r.log"
  fi
  if [ -x "$jax/bin/python" ]; then
    KERAS_BACKEND=jax "$jax/bin/python" "$peers/keras/bench.py" --backend jax --threads 2 --workloads "$workloads" \
      --json "$out/keras$r.json" > "$out/keras$r.log" 2>&1
  fi
done
python3 - "$out" "$rounds" "$family" "$avx512" <<'PY'
import json, os, statistics, sys
out, rounds, family, avx512 = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "yes"
names = {"torch": "PyTorch 2.13", "keras": "Keras/JAX"}
# (workload, key per peer, unit, lower is better); Keras' batch-1 latency is its predict_on_batch.
rows = [("W1", {"*": "epoch_s"}, "s/epoch", True),
        ("W2", {"*": "train_rows_per_s"}, "rows/s", False),
        ("W3", {"*": "epoch_s"}, "s/epoch", True),
        ("W4", {"*": "batch4096_rows_per_s"}, "rows/s", False),
        ("W4", {"*": "latency_us", "keras": "latency_predict_on_batch_us"}, "us batch-1", True)]
runs = {(who, r): json.load(open(f"{out}/{who}{r}.json"))
        for who in ("lamina", "torch", "keras") for r in range(1, rounds + 1)
        if os.path.exists(f"{out}/{who}{r}.json")}
def per_round(who, w, key):
    """The workload's median in each round (None where that round has no value)."""
    vals = []
    for r in range(1, rounds + 1):
        d = runs.get((who, r), {})
        v = d[w][key] if w in d and key in d[w] else None
        vals.append(v["median"] if isinstance(v, dict) else v)
    return vals
def med(who, w, key):
    vals = [v for v in per_round(who, w, key) if v is not None]
    return statistics.median(vals) if vals else None
java = next((runs[("lamina", r)].get("java") for r in range(1, rounds + 1) if ("lamina", r) in runs), None)
core = {("25", True): "Zen 4", ("25", False): "Zen 3", ("26", True): "Zen 5"}.get((family, avx512), "other")
print(f"cpu family {family} ({core}, {'AVX-512' if avx512 else 'no AVX-512'}), {rounds} rounds, 2 threads"
      + (f", Lamina on Java {java}" if java else ""))
print(f"{'metric':24} {'Lamina':>10} {'PyTorch':>10} {'Keras/JAX':>10}  {'best peer':>12} {'Lamina/best':>11}"
      f"  per round")
for w, keys, unit, lower in rows:
    key_of = lambda who: keys.get(who, keys["*"])
    vals = {who: med(who, w, key_of(who)) for who in ("lamina", "torch", "keras")}
    peers = {who: v for who, v in vals.items() if who != "lamina" and v is not None}
    if vals["lamina"] is None or not peers:
        continue
    best = min(peers, key=peers.get) if lower else max(peers, key=peers.get)
    ratio = vals["lamina"] / peers[best]
    cell = lambda v: f"{v:10.4g}" if v is not None else f"{'-':>10}"
    rounds_l = per_round("lamina", w, key_of("lamina"))
    rounds_p = per_round(best, w, key_of(best))
    each = " ".join(f"{a / b:.2f}" if a is not None and b else "-" for a, b in zip(rounds_l, rounds_p))
    print(f"{w + ' (' + unit + ')':24} {cell(vals['lamina'])} {cell(vals['torch'])} {cell(vals['keras'])}"
          f"  {names[best]:>12} {ratio:11.2f}  {each}")
print("(Lamina/best: below 1 is ahead for s and us, above 1 is ahead for rows/s; per round: the same ratio")
print(f" in each round against the same peer; each round's logs and JSON are in {out})")
PY
