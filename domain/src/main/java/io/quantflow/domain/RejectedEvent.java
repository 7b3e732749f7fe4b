package io.quantflow.domain;

/**
 * An input the pipeline could not use, with the reason: late, duplicate or invalid events go to a side output as
 * one of these instead of being dropped silently.
 *
 * @param stage the operator that rejected it, e.g. {@code indicators}
 * @param symbol ticker, or empty if unknown
 * @param timestampMicros event time of the rejected input, UTC epoch micros (0 if unknown)
 * @param reason what was wrong and what was done, e.g. {@code late: bar at ... after ... was processed}
 * @param payload the rejected input as text
 */
public record RejectedEvent(String stage, String symbol, long timestampMicros, String reason, String payload) {
  /** Replaces nulls with empty strings. */
  public RejectedEvent {
    Checks.notBlank(stage, "stage");
    Checks.notBlank(reason, "reason");
    symbol = symbol == null ? "" : symbol;
    payload = payload == null ? "" : payload;
  }
}
