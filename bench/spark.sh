#!/usr/bin/env bash
# lamina-spark's benchmark on local[2] (see SparkBench): the overhead of a synchronous round for
# models of about 100k and 1M parameters, and a local-SGD epoch (k = 8) of W2's model over 200,000
# rows against a single-machine epoch. Builds what it needs with the Maven wrapper.
# Usage: bench/spark.sh [rows, default 200000] [parts: sync,local (default both)]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl lamina-spark-tests -am install
./mvnw -q -B -pl lamina-spark-tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
  -Dmdep.includeScope=test
cp="lamina-spark-tests/target/test-classes:$(cat lamina-spark-tests/target/cp.txt)"
grep -m1 'model name' /proc/cpuinfo || true
grep -m1 'cpu family' /proc/cpuinfo || true
exec java ${BENCH_JAVA_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions -Xmx8g --add-modules jdk.incubator.vector \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -Dbench.rows="${1:-200000}" -Dbench.parts="${2:-sync,local}" -cp "$cp" dev.lamina.spark.SparkBench 2>&1 \
  | grep -v "^WARNING: Using incubator modules"
