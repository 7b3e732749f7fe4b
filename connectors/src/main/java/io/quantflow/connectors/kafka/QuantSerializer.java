package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes values of one message kind as JSON to one topic, keyed by {@link JsonCodec#key} (the symbol, UTF-8) so a
 * symbol's records share a partition and keep their order. The record timestamp is the Flink element's timestamp
 * (epoch milliseconds, Kafka's unit) when it has one, else the producer's clock.
 *
 * @param <T> the domain type
 */
public final class QuantSerializer<T> implements KafkaRecordSerializationSchema<T>,
    org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider {
  private static final long serialVersionUID = 1L;
  private final String topic;
  private final JsonCodec<T> codec;

  /** A serializer of {@code codec}'s messages to {@code topic}. */
  public QuantSerializer(String topic, JsonCodec<T> codec) {
    this.topic = Checks.notBlank(topic, "topic");
    this.codec = Checks.notNull(codec, "codec");
  }

  /**
   * The record of {@code element}, stamped with the time it is written (the producer's clock), not with its Flink
   * event time: retention counts from writing, so a replay of 2019 data is not deleted at once under a 7-day
   * retention. Event time travels in the payload's {@code ...Micros} fields.
   */
  @Override
  public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestampMillis) {
    return toRecord(element, null);
  }

  /** The producer record of {@code value}; {@code timestampMillis} may be null. An empty key is written as null. */
  public ProducerRecord<byte[], byte[]> toRecord(T value, Long timestampMillis) {
    String key = codec.key(value);
    byte[] keyBytes = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, timestampMillis, keyBytes, Json.bytes(codec.encode(value)));
  }

  /** The topic written to. */
  public String topic() {
    return topic;
  }

  /** The target topic, which the sink's POOLING transaction naming needs to know. */
  @Override
  public java.util.Optional<org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet> getKafkaDatasetFacet() {
    return java.util.Optional.of(new org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet(
        org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier.ofTopics(java.util.List.of(topic))));
  }
}
