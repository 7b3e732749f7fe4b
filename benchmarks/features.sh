#!/usr/bin/env bash
# Feature-pipeline benchmark (issue 3): the pipeline in BATCH mode on the embedded MiniCluster against the same
# computation as one plain single-threaded loop, on a synthetic universe of 1-second bars.
#   benchmarks/features.sh [STORE] [SYMBOLS] [DAYS]    (default: a temp store of 100 symbols x 20 days)
# An existing STORE is reused (generating 100 x 20 days takes about 90 s). Prints every round and the peak RSS of
# each JVM; copy the figures into docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="${1:-}"
SYMBOLS="${2:-100}"
DAYS="${3:-20}"
if [ -z "$STORE" ]; then
  STORE="$(mktemp -d)/syn1s"
  trap 'rm -rf "$(dirname "$STORE")"' EXIT
fi
JAR="$ROOT/benchmarks/target/benchmarks.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -ntp -q -DskipTests install)
if [ ! -d "$STORE/bars" ]; then
  echo "generating $SYMBOLS symbols x $DAYS days of 1s bars into $STORE ..." >&2
  "$ROOT/quant" generate --symbols "$SYMBOLS" --days "$DAYS" --timeframe 1s --seed 1 --output "$STORE" >&2
fi
TFS=15s,1m,5m,15m,1h
OPENS="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.time=ALL-UNNAMED"
peak() { /usr/bin/time -f "peak RSS %M KiB" "$@"; }
for what in features all; do
  echo "== pipeline ($what), parallelism 2, 5 rounds" >&2
  peak java -Xmx10g -XX:+UseParallelGC $OPENS -cp "$JAR" io.quantflow.benchmarks.FeaturePipelineBenchmark \
    "$STORE" 1s "$TFS" 2 "$what" 5 2>&1 | grep -E 'round|peak'
  echo "== plain loop ($what), 1 thread, 5 rounds" >&2
  peak java -Xmx18g -XX:+UseParallelGC -cp "$JAR" io.quantflow.benchmarks.FeatureLoopBaseline \
    "$STORE" 1s "$TFS" "$what" 2>&1 | grep -E 'round|peak'
done
