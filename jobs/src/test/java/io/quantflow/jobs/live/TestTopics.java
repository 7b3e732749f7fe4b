package io.quantflow.jobs.live;

import io.quantflow.connectors.kafka.KafkaTopics;
import java.util.List;
import java.util.Map;

/** Kafka topics and configuration shared by the live-job tests. */
final class TestTopics {
  private TestTopics() {}

  /**
   * Turns time retention off on {@code t}'s topics. The job's Kafka sinks stamp each record with its event time (here
   * February 2019), so under the broker's default 7-day retention the retention check deletes the first segments of
   * the output topics as soon as it runs, and rows then go missing from the start of the features topic.
   */
  static void keepForever(KafkaTopics t) throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(t.clientProperties())) {
      Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<
          org.apache.kafka.clients.admin.AlterConfigOp>> changes = new java.util.HashMap<>();
      for (String topic : t.all()) {
        changes.put(new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic),
            List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "-1"),
                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(changes).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * The bundled sample's one-minute bars of {@code symbols} starting before {@code beforeMicros} (UTC epoch micros),
   * in event-time order (time, then symbol), as a live feed delivers them.
   */
  static List<io.quantflow.domain.Bar> sampleBars(List<String> symbols, long beforeMicros) {
    return io.quantflow.connectors.store.BarStore.at(io.quantflow.domain.testing.SampleBars.repoRoot()
            .resolve("data/sample/store")).read(io.quantflow.domain.Timeframe.M1).stream()
        .filter(b -> symbols.contains(b.symbol()) && b.timestampMicros() < beforeMicros)
        .sorted(java.util.Comparator.comparingLong(io.quantflow.domain.Bar::timestampMicros)
            .thenComparing(io.quantflow.domain.Bar::symbol)).toList();
  }

  /** Writes {@code bars} to {@code topics}' raw bar topic, partition 0, keyed by symbol, as the bridge does. */
  static void produceBars(io.quantflow.connectors.kafka.EmbeddedKafka kafka,
      io.quantflow.connectors.kafka.KafkaTopics topics, List<io.quantflow.domain.Bar> bars) throws Exception {
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
    for (io.quantflow.domain.Bar b : bars) {
      records.add(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.rawBars(), 0,
          b.symbol().getBytes(java.nio.charset.StandardCharsets.UTF_8), io.quantflow.connectors.kafka.JsonCodecs
              .bars().encode(b).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    kafka.produceRecords(records);
  }

  /**
   * Topics {@code <prefix>*} with one partition each, kept forever ({@link #keepForever}), with {@code bars} in the
   * raw bar topic: the input of a job, written before it runs.
   */
  static io.quantflow.connectors.kafka.KafkaTopics withBars(io.quantflow.connectors.kafka.EmbeddedKafka kafka,
      String prefix, List<io.quantflow.domain.Bar> bars) throws Exception {
    var topics = new io.quantflow.connectors.kafka.KafkaTopics(kafka.bootstrapServers(), prefix, 1, (short) 1);
    topics.createTopics(java.time.Duration.ofSeconds(30));
    keepForever(topics);
    produceBars(kafka, topics, bars);
    return topics;
  }

  /**
   * A live job on the raw bar topic with trading off and order limits out of the way, trading {@code symbols}
   * from 100,000 USD; {@code portfolio} and {@code risk} add or replace keys of those sections.
   */
  static io.quantflow.jobs.config.JobConfig paperConfig(List<String> symbols, Map<String, Object> portfolio,
      Map<String, Object> risk) {
    Map<String, Object> p = new java.util.HashMap<>(Map.of("initialCash", 100_000));
    p.putAll(portfolio);
    Map<String, Object> r = new java.util.HashMap<>(Map.of("maxOrderNotional", 200_000, "maxPositionNotional",
        200_000, "maxOrdersPerMinute", 0));
    r.putAll(risk);
    var yaml = io.quantflow.jobs.config.ConfigLoader.yaml();
    return io.quantflow.jobs.config.ConfigLoader.fromTree(yaml.createObjectNode().setAll(
        (com.fasterxml.jackson.databind.node.ObjectNode) yaml.valueToTree(Map.of("portfolio", p,
            "live", Map.of("symbols", symbols, "trading", Map.of("enabled", false), "risk", r)))), "test",
        io.quantflow.jobs.config.JobConfig.class);
  }
}
