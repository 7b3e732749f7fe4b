package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The outcome of decoding one Kafka record: either a value or a {@link DeadLetter}, never both. The deserializers of
 * {@link QuantKafka#source} emit these so that a bad record never fails the job; {@link DeadLetterSplitter} turns a
 * stream of them into the good values and a side output of dead letters.
 *
 * @param value the decoded value, or null for a dead letter
 * @param deadLetter the dead letter, or null for a value
 * @param <T> the domain type
 */
public record Decoded<T>(T value, DeadLetter deadLetter) {

  /** Checks that exactly one of the two is set. */
  public Decoded {
    Checks.isTrue((value == null) != (deadLetter == null),
        "Exactly one of 'value' and 'deadLetter' must be set, but got value=%s deadLetter=%s", value, deadLetter);
  }

  /** A decoded value. */
  public static <T> Decoded<T> good(T value) {
    return new Decoded<>(Checks.notNull(value, "value"), null);
  }

  /** A record that could not be decoded. */
  public static <T> Decoded<T> bad(DeadLetter deadLetter) {
    return new Decoded<>(null, Checks.notNull(deadLetter, "deadLetter"));
  }

  /** Whether this holds a value. */
  public boolean isGood() {
    return value != null;
  }

  /** The Flink type of {@code Decoded<T>}: a POJO of the value's type and the dead letter's (no Kryo). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> TypeInformation<Decoded<T>> typeInfo(TypeInformation<T> valueType) {
    Checks.notNull(valueType, "valueType");
    return (TypeInformation) Types.POJO(Decoded.class,
        Map.of("value", valueType, "deadLetter", TypeInformation.of(DeadLetter.class)));
  }
}
