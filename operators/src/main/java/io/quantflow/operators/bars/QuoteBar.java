package io.quantflow.operators.bars;

import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;

/**
 * Quote statistics of one interval, built by {@link QuoteBarBuilder}. Means are simple (event-weighted) means over
 * the two-sided quotes received in the interval, not time-weighted. This class is immutable and thread-safe.
 *
 * @param symbol ticker
 * @param timeframe interval length
 * @param timestampMicros interval start, UTC epoch microseconds
 * @param meanSpreadBps mean of (ask - bid) / mid * 1e4 in basis points of the mid; negative for crossed quotes
 * @param meanImbalance mean of (bidSize - askSize) / (bidSize + askSize), in [-1, 1]; positive means more size bid;
 *     NaN when no counted quote had any size
 * @param quoteCount number of two-sided quotes counted, positive
 */
public record QuoteBar(String symbol, Timeframe timeframe, long timestampMicros, double meanSpreadBps,
    double meanImbalance, long quoteCount) {

  /** Checks the arguments. */
  public QuoteBar {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    Checks.finite(meanSpreadBps, "meanSpreadBps");
    Checks.isTrue(Double.isNaN(meanImbalance) || meanImbalance >= -1 && meanImbalance <= 1,
        "Argument 'meanImbalance' must be in [-1, 1] or NaN but was %s", meanImbalance);
    Checks.positive(quoteCount, "quoteCount");
  }
}
