#!/usr/bin/env bash
# Live-job benchmark (issue 5): the Alpaca simulator in this JVM replays a synthetic store over its WebSocket at
# full speed; the Alpaca market-data source feeds the STREAMING pipeline and portfolio on the embedded MiniCluster.
# Prints bars/s over the steady part, the latency from the closing bar to signals and 15m feature rows, and CPU
# per thread.
#   benchmarks/live.sh [STORE] [SYMBOLS] [DAYS] [-- LiveBenchmark options]
#   e.g. benchmarks/live.sh /tmp/live100x20 100 20 -- --out-of-orderness-ms 0 --watermark-interval-ms 10
# Options: --speed S (simulated seconds per second, 0 = as fast as the client reads; default 0),
#   --out-of-orderness-ms MS (default 2000, the live job's default), --watermark-interval-ms MS (default 200,
#   Flink's), --parallelism P (default 2). JAVA_OPTS adds JVM flags (default -Xmx8g -XX:+UseG1GC).
# An existing STORE is reused; a missing one is generated (seed 1, 1m bars, the generator of 'quant generate').
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="${1:-/tmp/quantflow-live-bench/s100x20}"
SYMBOLS="${2:-100}"
DAYS="${3:-20}"
shift $(( $# < 3 ? $# : 3 ))
[ "${1:-}" = "--" ] && shift
JAR="$ROOT/benchmarks/target/benchmarks.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -ntp -q package -pl benchmarks -am -DskipTests)
if [ ! -d "$STORE/bars" ]; then
  echo "generating $SYMBOLS symbols x $DAYS days of 1m bars into $STORE ..." >&2
  java -cp "$JAR" io.quantflow.benchmarks.LiveBenchmark generate "$STORE" "$SYMBOLS" "$DAYS" >&2
fi
OPENS="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.time=ALL-UNNAMED"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java ${JAVA_OPTS:--Xmx8g -XX:+UseG1GC} $OPENS -cp "$JAR" io.quantflow.benchmarks.LiveBenchmark "$STORE" "$@" 2>&1 \
  | grep -vE '^\s+at |WARN|INFO'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
