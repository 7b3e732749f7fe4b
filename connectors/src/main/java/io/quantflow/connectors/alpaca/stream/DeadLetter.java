package io.quantflow.connectors.alpaca.stream;

/**
 * A message the source could not turn into a bar or event, kept for inspection instead of being dropped: a malformed
 * frame or object, a message of an unknown type, or a failed backfill.
 *
 * @param reason what was wrong, e.g. {@code field 'p' must be a number but was "x"}
 * @param raw the raw JSON text (for a failed backfill: the symbol and range)
 * @param receivedAtMicros when it was received, UTC epoch microseconds
 */
public record DeadLetter(String reason, String raw, long receivedAtMicros) {}
