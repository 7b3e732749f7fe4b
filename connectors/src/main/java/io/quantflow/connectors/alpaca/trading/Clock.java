package io.quantflow.connectors.alpaca.trading;

/**
 * The market clock ({@code GET /v2/clock}). Times are UTC epoch microseconds (Alpaca sends them with the New York
 * offset). Immutable.
 *
 * @param timestampMicros the server's current time
 * @param open whether the regular session is open now
 * @param nextOpenMicros next regular-session open
 * @param nextCloseMicros next regular-session close
 */
public record Clock(long timestampMicros, boolean open, long nextOpenMicros, long nextCloseMicros) {}
