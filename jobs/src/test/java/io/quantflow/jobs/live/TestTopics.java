package io.quantflow.jobs.live;

import io.quantflow.connectors.kafka.KafkaTopics;
import java.util.List;
import java.util.Map;

/** Kafka topic set-up shared by the live-job tests. */
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
}
