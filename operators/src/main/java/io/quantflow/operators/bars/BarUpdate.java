package io.quantflow.operators.bars;

import io.quantflow.domain.Bar;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;

/**
 * What {@link TradeBarBuilder} emits: a bar (first version or a revision), the retraction of a bar that lost all its
 * trades, or a rejected input. All implementations are immutable and thread-safe.
 */
public sealed interface BarUpdate permits BarUpdate.Emitted, BarUpdate.Retracted, BarUpdate.Rejected {

  /**
   * A bar. {@code revision} 0 is the first version; 1, 2, ... replace the previous version of the bar with the same
   * symbol, timeframe and {@code timestampMicros} (after a late trade, a cancel or a correction).
   *
   * @param bar the bar
   * @param revision 0 for the first version, then counting up
   * @param carried whether the bar has no trades and repeats the previous close ({@code carryLastPrice})
   */
  record Emitted(Bar bar, int revision, boolean carried) implements BarUpdate {
    /** Checks the arguments. */
    public Emitted {
      Checks.notNull(bar, "bar");
      Checks.isTrue(revision >= 0, "Argument 'revision' must not be negative but was %d", revision);
    }

    /** Whether this replaces an earlier version of the bar. */
    public boolean isRevision() {
      return revision > 0;
    }
  }

  /**
   * An earlier emitted bar is withdrawn because a cancel removed its last trade (and {@code carryLastPrice} is off).
   *
   * @param symbol ticker
   * @param timeframe interval length
   * @param timestampMicros interval start, UTC epoch microseconds
   * @param revision revision number of this retraction (one more than the withdrawn version)
   */
  record Retracted(String symbol, Timeframe timeframe, long timestampMicros, int revision) implements BarUpdate {}

  /**
   * An input that changed no bar, with the reason.
   *
   * @param reason machine-readable reason
   * @param tradeId the trade id of the input (0 when unknown)
   * @param timestampMicros event time of the input, UTC epoch microseconds, or -1 for a cancel or correction
   * @param message human-readable explanation naming the values involved
   */
  record Rejected(Reason reason, long tradeId, long timestampMicros, String message) implements BarUpdate {}

  /** Why an input was rejected. */
  enum Reason {
    /** The trade's symbol is not the builder's. */
    WRONG_SYMBOL,
    /** The trade lies outside the session the builder counts (regular, or extended hours). */
    OUTSIDE_SESSION,
    /** The trade's bar is final: the watermark passed its end plus the allowed lateness. */
    TOO_LATE,
    /** A cancel or correction names a trade id the builder does not hold (never seen, or its bar is final). */
    UNKNOWN_TRADE,
    /** A trade id that the builder already holds. */
    DUPLICATE_TRADE_ID
  }
}
