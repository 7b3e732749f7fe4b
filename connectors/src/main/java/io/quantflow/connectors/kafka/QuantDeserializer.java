package io.quantflow.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantflow.domain.Checks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Kafka records of one message kind into {@link Decoded} values and never throws: malformed JSON, a missing
 * or mistyped field, an unsupported {@code schemaVersion}, a NaN or negative price, a key that is not the record's
 * symbol, a null value, or anything else the codec refuses becomes a {@link DeadLetter} with the reason, and the job
 * keeps running. Split the result with {@link DeadLetterSplitter}.
 *
 * <p>Duplicates and out-of-order records are not dead letters: they are valid messages, and the pipeline already
 * rejects duplicate and late bars and ticks with reasons (as {@code RejectedEvent}s); this class passes them on.
 *
 * @param <T> the domain type
 */
public final class QuantDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
  private static final long serialVersionUID = 1L;
  private final JsonCodec<T> codec;

  /** A deserializer of {@code codec}'s messages. */
  public QuantDeserializer(JsonCodec<T> codec) {
    this.codec = Checks.notNull(codec, "codec");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
    out.collect(decode(record));
  }

  /** The value of {@code record}, or its dead letter. Never throws for any record content. */
  public Decoded<T> decode(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    try {
      if (record.value() == null) {
        throw new BadMessageException("null value (tombstone): QuantFlow topics carry no deletes");
      }
      JsonNode node = Json.parse(record.value());
      T value = codec.decode(node);
      String symbolKey = codec.key(value);
      if (key != null && !key.equals(symbolKey)) {
        throw new BadMessageException("key '" + key + "' differs from the message's key field '" + symbolKey
            + "': producers must key records by symbol so that a symbol stays in one partition");
      }
      return Decoded.good(value);
    } catch (BadMessageException e) {
      return Decoded.bad(deadLetter(record, key, e.getMessage()));
    } catch (RuntimeException e) { // a codec bug must not stop the job either
      return Decoded.bad(deadLetter(record, key, "unexpected " + e));
    }
  }

  private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String key, String reason) {
    String payload = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    return new DeadLetter(record.topic(), record.partition(), record.offset(), key, payload,
        codec.kind() + ": " + reason, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
  }

  @Override
  public TypeInformation<Decoded<T>> getProducedType() {
    return Decoded.typeInfo(codec.type());
  }
}
