#!/usr/bin/env bash
# Proves the cluster job jar runs on a real Flink cluster: starts a standalone Flink 2.2.1 session cluster
# (a JobManager and a TaskManager, each its own JVM, jars from Maven Central), submits
# `flink run quantflow-cluster.jar backtest` through Flink's CliFrontend, and checks that the run folder is
# byte-identical to the same backtest on the embedded MiniCluster. Stops the cluster on exit.
#   flink-conf/cluster-smoke.sh            (about a minute; logs in target/flink-cluster/)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/flink-cluster"
CONF="$ROOT/flink-conf/local"
rm -rf "$WORK" && mkdir -p "$WORK"
OPENS="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.time=ALL-UNNAMED"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "[cluster-smoke] building the cluster jar (Flink provided) and the embedded launcher jar" >&2
(cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -Pcluster -DskipTests -pl jobs -am package)
(cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -DskipTests -pl jobs -am install)
(cd "$CONF" && mvn -B -ntp -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt")
CP="$(cat "$WORK/cp.txt")"
JAVA_FLINK=(java $OPENS -Dlog4j.configurationFile="$CONF/log4j.properties" -cp "$CP")

echo "[cluster-smoke] starting JobManager and TaskManager" >&2
"${JAVA_FLINK[@]}" -Xmx700m org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$CONF" > "$WORK/jobmanager.log" 2>&1 &
PIDS+=($!)
"${JAVA_FLINK[@]}" -Xmx700m -XX:MaxDirectMemorySize=700m org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  --configDir "$CONF" > "$WORK/taskmanager.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 60); do
  if curl -sf localhost:8081/overview 2>/dev/null | grep -q '"slots-total":2'; then break; fi
  [ "$i" = 60 ] && { echo "[cluster-smoke] cluster did not start; see $WORK/*.log" >&2; exit 1; }
  sleep 1
done
echo "[cluster-smoke] cluster up: $(curl -s localhost:8081/overview)" >&2

echo "[cluster-smoke] flink run quantflow-cluster.jar backtest" >&2
FLINK_CONF_DIR="$CONF" "${JAVA_FLINK[@]}" org.apache.flink.client.cli.CliFrontend run -m localhost:8081 \
  "$ROOT/jobs/target/quantflow-cluster.jar" backtest --data "$ROOT/data/sample/store" --output "$WORK/cluster-run" \
  > "$WORK/client.log" 2>&1 || { cat "$WORK/client.log" >&2; exit 1; }
grep -q "Job has been submitted with JobID" "$WORK/client.log" || { echo "[cluster-smoke] job was not submitted to the cluster" >&2; exit 1; }

echo "[cluster-smoke] the same backtest on the embedded MiniCluster" >&2
"$ROOT/quant" backtest --output "$WORK/embedded-run" > "$WORK/embedded.log" 2>&1
for f in features.parquet signals.parquet fills.parquet equity.parquet orders.parquet positions.parquet trades.parquet rejected.parquet equity.arrow metrics.json config.yaml report.html; do
  cmp -s "$WORK/cluster-run/$f" "$WORK/embedded-run/$f" || { echo "[cluster-smoke] $f differs between cluster and embedded runs" >&2; exit 1; }
done
echo "[cluster-smoke] OK: $(grep -o 'Job has been submitted with JobID [0-9a-f]*' "$WORK/client.log"); cluster and embedded outputs are byte-identical" >&2
