package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;

/**
 * An operational alert for humans and paging tools (a feed disconnect, a risk limit hit, dead letters piling up),
 * published on {@link KafkaTopics#alerts()}. This class is immutable and thread-safe.
 *
 * @param source the component that raised it, e.g. {@code alpaca-source} or {@code risk}
 * @param severity how urgent it is
 * @param symbol the ticker it concerns, or empty
 * @param timestampMicros when it was raised, UTC epoch microseconds
 * @param message what happened and what to do
 */
public record Alert(String source, Severity severity, String symbol, long timestampMicros, String message) {

  /** How urgent an alert is. */
  public enum Severity {
    /** For the record; no action needed. */
    INFO,
    /** Needs attention soon. */
    WARNING,
    /** Needs action now. */
    CRITICAL
  }

  /** Checks the fields; a null symbol becomes empty. */
  public Alert {
    Checks.notBlank(source, "source");
    Checks.notNull(severity, "severity");
    Checks.notBlank(message, "message");
    symbol = symbol == null ? "" : symbol;
  }
}
