#!/usr/bin/env bash
# Runs Lamina's and PyTorch 2.13's benchmarks alternately, ROUNDS times, on the same machine, and
# prints the medians and the ratios (Lamina / PyTorch for times, PyTorch / Lamina for rates).
# PyTorch comes from the machine's local package mirror into a virtual environment:
#   python3 -m venv .torchvenv && .torchvenv/bin/pip install "torch==2.13.0+cpu" numpy
# Usage: bench/compare.sh [ROUNDS] [WORKLOADS]   (default 3 rounds of W1,W3,W4)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
workloads="${2:-W1,W3,W4}"
venv="${TORCH_VENV:-$root/.torchvenv}"
peers="${PEERS_DIR:-$root/../shared/peers}"
out="$(mktemp -d)"
for r in $(seq 1 "$rounds"); do
  "$venv/bin/python" "$peers/torch/bench.py" --threads 2 --workloads "$workloads" --json "$out/torch$r.json" > "$out/torch$r.log"
  "$root/lamina" bench --threads 2 --workloads "$workloads" --json "$out/lamina$r.json" > "$out/lamina$r.log"
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
keys = [("W1", "epoch_s", "s/epoch", True), ("W2", "train_rows_per_s", "rows/s", False),
        ("W3", "epoch_s", "s/epoch", True), ("W4", "batch4096_rows_per_s", "rows/s", False),
        ("W4", "latency_us", "us", True)]
def med(who, w, k):
    vals = []
    for r in range(1, rounds + 1):
        d = json.load(open(f"{out}/{who}{r}.json"))
        if w in d and k in d[w]:
            vals.append(d[w][k]["median"])
    return statistics.median(vals) if vals else None
print(f"{'metric':28} {'Lamina':>10} {'PyTorch':>10} {'ratio':>8}  (ratio < 1: Lamina ahead)")
for w, k, unit, lower_better in keys:
    l, t = med("lamina", w, k), med("torch", w, k)
    if l is None or t is None:
        continue
    ratio = l / t if lower_better else t / l
    print(f"{w + ' ' + k + ' (' + unit + ')':28} {l:10.4g} {t:10.4g} {ratio:8.2f}")
# Where the host placed the two threads' cores (see CoreToCore): ~60 ns near, ~330 ns far.
trips = []
for r in range(1, rounds + 1):
    c = json.load(open(f"{out}/lamina{r}.json")).get("core_to_core_round_trip_ns")
    if c:
        trips.append(f"{c['before']:.0f}/{c['after']:.0f}")
if trips:
    print("core-to-core round trip per round, before/after (ns): " + ", ".join(trips))
PY
