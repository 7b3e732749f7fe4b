package io.quantflow.domain;

/**
 * A trading signal (LEAN calls it an insight): a direction and strength for one symbol, known at
 * {@code timestampMicros}, expected to hold for {@code horizonMicros}, with the reason it fired.
 *
 * <p>Signals are emitted when a symbol's direction changes. In a STREAMING job, a revised bar can change the
 * signals computed after it: each changed signal is emitted again with the next {@code revision}, and one that no
 * longer fires is {@code retracted}. A BATCH job over the same data emits the final versions as revision 0.
 *
 * @param symbol ticker
 * @param timestampMicros when the signal became known (the close of the bar that produced it), UTC epoch micros
 * @param direction expected move
 * @param strength confidence in [0, 1]; 0 for flat
 * @param horizonMicros how long the view is expected to hold, microseconds
 * @param reason human-readable vote breakdown, e.g. {@code 1m:up(close>ema_20) 5m:up 15m:up}
 * @param revision 0 for the first version, then 1, 2, ...
 * @param retracted whether this withdraws a signal emitted before at the same time
 */
public record Signal(String symbol, long timestampMicros, Direction direction, double strength, long horizonMicros,
    String reason, int revision, boolean retracted) {

  /** Checks the fields. */
  public Signal {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(direction, "direction");
    Checks.inRange(strength, 0.0, 1.0, "strength");
    Checks.isTrue(horizonMicros >= 0, "Argument 'horizonMicros' must not be negative but was %d", horizonMicros);
    Checks.isTrue(revision >= 0, "Argument 'revision' must not be negative but was %d", revision);
    reason = reason == null ? "" : reason;
  }

  /** A first version (revision 0, not retracted). */
  public Signal(String symbol, long timestampMicros, Direction direction, double strength, long horizonMicros,
      String reason) {
    this(symbol, timestampMicros, direction, strength, horizonMicros, reason, 0, false);
  }

  /** This signal as revision {@code rev}, retracted or not. */
  public Signal withRevision(int rev, boolean retract) {
    return new Signal(symbol, timestampMicros, direction, strength, horizonMicros, reason, rev, retract);
  }

  /** Whether two signals say the same thing (revision numbers aside). */
  public boolean sameContent(Signal o) {
    return o != null && symbol.equals(o.symbol) && timestampMicros == o.timestampMicros && direction == o.direction
        && Double.compare(strength, o.strength) == 0 && horizonMicros == o.horizonMicros && reason.equals(o.reason)
        && retracted == o.retracted;
  }
}
