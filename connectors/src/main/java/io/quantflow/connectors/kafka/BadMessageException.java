package io.quantflow.connectors.kafka;

/**
 * A Kafka record that does not match its JSON schema: malformed JSON, a missing or mistyped field, an unsupported
 * {@code schemaVersion}, or values the domain type refuses (a negative price). The message is the dead-letter reason.
 */
public final class BadMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A bad message, {@code reason} saying what is wrong with it. */
  public BadMessageException(String reason) {
    super(reason, null, false, false);
  }
}
