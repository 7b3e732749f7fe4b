package io.quantflow.domain;

/**
 * A trading signal (LEAN calls it an insight): a direction and strength for one symbol, known at
 * {@code timestampMicros}, expected to hold for {@code horizonMicros}, with the reason it fired.
 *
 * @param symbol ticker
 * @param timestampMicros when the signal became known (the close of the bar that produced it), UTC epoch micros
 * @param direction expected move
 * @param strength confidence in [0, 1]; 0 for flat
 * @param horizonMicros how long the view is expected to hold, microseconds
 * @param reason human-readable vote breakdown, e.g. {@code 1m:up(close>ema_20) 5m:up 15m:up}
 */
public record Signal(String symbol, long timestampMicros, Direction direction, double strength, long horizonMicros,
    String reason) {

  /** Checks the fields. */
  public Signal {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(direction, "direction");
    Checks.inRange(strength, 0.0, 1.0, "strength");
    Checks.isTrue(horizonMicros >= 0, "Argument 'horizonMicros' must not be negative but was %d", horizonMicros);
    reason = reason == null ? "" : reason;
  }
}
