package io.quantflow.domain;

/**
 * Read access to one bar, whether it is a {@link Bar} value or a row of a {@link BarBlock}. Indicator kernels take
 * this view, so a block of thousands of bars is processed without creating an object per bar.
 *
 * <p>Units: prices USD per share, volume shares, times UTC epoch microseconds, spread basis points of the mid.
 */
public interface BarView {
  /** Ticker. */
  String symbol();

  /** Interval length. */
  Timeframe timeframe();

  /** Interval start, UTC epoch microseconds. */
  long timestampMicros();

  /** First trade price. */
  double open();

  /** Highest trade price. */
  double high();

  /** Lowest trade price. */
  double low();

  /** Last trade price. */
  double close();

  /** Shares traded. */
  double volume();

  /** Number of trades, or {@link Bar#UNKNOWN_TRADE_COUNT}. */
  long tradeCount();

  /** Volume-weighted average price, or NaN when unknown. */
  double vwap();

  /** Mean quoted spread over the bar's two-sided quotes, basis points of the mid; NaN without quotes. */
  default double spreadBps() {
    return Double.NaN;
  }

  /**
   * Mean quote imbalance {@code (bidSize - askSize) / (bidSize + askSize)} over the bar's quotes, in [-1, 1]; NaN
   * without quotes.
   */
  default double imbalance() {
    return Double.NaN;
  }

  /** The moment the bar is complete: the end of its interval, UTC epoch microseconds. */
  default long availableAtMicros() {
    return timestampMicros() + timeframe().durationMicros();
  }

  /** Whether the source provided a VWAP. */
  default boolean hasVwap() {
    return !Double.isNaN(vwap());
  }

  /** Whether the source provided a trade count. */
  default boolean hasTradeCount() {
    return tradeCount() != Bar.UNKNOWN_TRADE_COUNT;
  }
}
