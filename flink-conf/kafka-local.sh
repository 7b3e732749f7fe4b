#!/usr/bin/env bash
# A single-node Kafka broker (KRaft, broker+controller in one JVM) on localhost:9092, from Maven Central's jars: no
# Docker, no Kafka install. For the live job's demo and a workstation; not for production.
#   flink-conf/kafka-local.sh            # foreground; Ctrl-C stops it. Data in ${KAFKA_DATA:-/tmp/quantflow-kafka}
set -euo pipefail
VERSION=4.2.0
LIBS="${KAFKA_LIBS:-$HOME/.cache/quantflow/kafka-$VERSION}"
DATA="${KAFKA_DATA:-/tmp/quantflow-kafka}"
if [ ! -f "$LIBS/.complete" ]; then
  echo "Fetching Kafka $VERSION jars into $LIBS (once)..." >&2
  mkdir -p "$LIBS"
  cat > "$LIBS/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>kafka-local</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>1.7.36</version></dependency>
  </dependencies></project>
POM
  mvn -B -q -f "$LIBS/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIBS/lib"
  touch "$LIBS/.complete"
fi
mkdir -p "$DATA"
cat > "$DATA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:9093
listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
if [ ! -f "$DATA/logs/meta.properties" ]; then
  java -cp "$LIBS/lib/*" kafka.tools.StorageTool format -t "$(java -cp "$LIBS/lib/*" kafka.tools.StorageTool random-uuid)" \
    -c "$DATA/server.properties" --standalone >&2
fi
echo "Kafka on localhost:9092 (data in $DATA); Ctrl-C stops it" >&2
exec java -Xmx1g -cp "$LIBS/lib/*" kafka.Kafka "$DATA/server.properties"
