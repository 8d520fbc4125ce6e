#!/usr/bin/env bash
# Runs the JMH benchmarks of lamina-bench (GEMM, layers, optimizers, one W1 training step).
# Arguments go to JMH, e.g.:
#   bench/jmh.sh TrainStepBenchmark -prof gc        # time and bytes allocated per training step
#   bench/jmh.sh GemmBenchmark -p shape="NN 256x1024x1024" -p threads=1
#   bench/jmh.sh -l                                 # list the benchmarks
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl lamina-bench -am install
cp_file="$(mktemp)"
./mvnw -q -B -pl lamina-bench dependency:build-classpath -Dmdep.outputFile="$cp_file"
cp="$root/lamina-bench/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main "$@" \
  2> >(grep -v "^WARNING: Using incubator modules: jdk.incubator.vector$" >&2)
