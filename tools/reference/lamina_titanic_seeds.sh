#!/usr/bin/env bash
# Trains and evaluates the titanic network of keras_tables.py with Lamina's CLI defaults (no column
# named by hand) on the same 80/20 split, one run per seed, and prints each test accuracy and loss
# and their mean: the Lamina side of keras_tables.txt.
# Run: tools/reference/lamina_titanic_seeds.sh SPLIT_DIR [SEEDS, default 20]
#      (SPLIT_DIR holds titanic_train.csv and titanic_test.csv as keras_tables.py writes them)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$1"
seeds="${2:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for s in $(seq 0 $((seeds - 1))); do
  "$root/lamina" train --data "$dir/titanic_train.csv" --target survived \
      --layers "dense(32, relu) dropout(0.3) dense(1, sigmoid)" --loss binary_crossentropy --metrics accuracy \
      --epochs 100 --batch-size 32 --optimizer adam --lr 0.001 --seed "$s" --save "$work/m.lamina" > /dev/null
  "$root/lamina" evaluate --model "$work/m.lamina" --data "$dir/titanic_test.csv" \
      | sed -n 's/.*loss: \([0-9.]*\) - accuracy: \([0-9.]*\).*/\2 \1/p' | tail -1 \
      | awk -v s="$s" '{printf "titanic seed %d: accuracy %.4f loss %.4f\n", s, $1, $2}'
done | awk '{print; a += $5; n++} END {printf "titanic mean accuracy over %d seeds: %.4f\n", n, a / n}'
