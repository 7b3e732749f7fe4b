package io.quantflow.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The JSON schema of one message kind: how a domain value becomes a JSON object and back, and which key it is
 * written under. Implementations are stateless and serializable (they travel inside Flink sources and sinks); the
 * standard ones are in {@link JsonCodecs} and documented in docs/kafka.md.
 *
 * @param <T> the domain type
 */
public interface JsonCodec<T> extends Serializable {

  /** The message kind, e.g. {@code bar}; names the schema in dead-letter reasons. */
  String kind();

  /** The Flink type of the decoded values (a POJO type: records are POJOs, no Kryo). */
  TypeInformation<T> type();

  /** The record key: the symbol (or, for messages without one, another field that keeps related records in order). */
  String key(T value);

  /** The JSON object of {@code value}, including {@code schemaVersion}. */
  ObjectNode encode(T value);

  /**
   * The value of a JSON object.
   *
   * @throws BadMessageException naming the field and the problem when the object does not match the schema or the
   *     domain type refuses the values
   */
  T decode(JsonNode node) throws BadMessageException;
}
