package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;

/**
 * A Kafka record that could not be decoded, kept with where it came from and why, so a job keeps running and an
 * operator can inspect, fix and replay it. Written to {@link KafkaTopics#deadLetters()} by
 * {@link QuantKafka#deadLetterSink}. This class is immutable and thread-safe.
 *
 * @param topic the topic the record was read from
 * @param partition its partition
 * @param offset its offset in that partition
 * @param key its key as UTF-8 text, empty when it had none
 * @param payload its value as UTF-8 text (malformed bytes replaced by U+FFFD), empty for a null value
 * @param reason what was wrong, e.g. {@code missing field 'close'}, prefixed by the expected message kind
 * @param receivedAtMicros when the deserializer saw it, UTC epoch microseconds (wall clock)
 */
public record DeadLetter(String topic, int partition, long offset, String key, String payload, String reason,
    long receivedAtMicros) {

  /** Checks the fields; null key and payload become empty. */
  public DeadLetter {
    Checks.notBlank(topic, "topic");
    Checks.notBlank(reason, "reason");
    key = key == null ? "" : key;
    payload = payload == null ? "" : payload;
  }
}
