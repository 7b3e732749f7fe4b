package io.quantflow.domain;

/**
 * What the portfolio learns about one symbol in one step of the pipeline (LEAN calls the cross-section a slice):
 * the symbol's new base-timeframe bars (first versions only: a fill cannot be undone), the signals decided on them
 * (first versions, not retracted), and how far the symbol is complete. Bars and signals travel together so that one
 * channel carries both and their order: once a slice says "complete through t", every bar and signal of the symbol
 * up to t has arrived.
 *
 * @param symbol ticker
 * @param bars base-timeframe bars in time order (possibly none)
 * @param signals signals in time order (possibly none)
 * @param completeThroughMicros every bar ending and every signal decided at or before this instant has been sent (UTC
 *     epoch micros); {@code Long.MIN_VALUE} when the slice vouches for nothing (a STREAMING job, where the watermark
 *     does), {@code Long.MAX_VALUE} once the symbol has ended
 */
public record SymbolSlice(String symbol, BarBlock bars, Signal[] signals, long completeThroughMicros) {

  /** Checks the fields. */
  public SymbolSlice {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(bars, "bars");
    Checks.notNull(signals, "signals");
  }

  /** Whether the slice carries neither bars nor signals (a progress report only). */
  public boolean isEmpty() {
    return bars.size() == 0 && signals.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymbolSlice s && symbol.equals(s.symbol) && bars.equals(s.bars)
        && java.util.Arrays.equals(signals, s.signals) && completeThroughMicros == s.completeThroughMicros;
  }

  @Override
  public int hashCode() {
    return symbol.hashCode() * 31 + Long.hashCode(completeThroughMicros);
  }

  @Override
  public String toString() {
    return "SymbolSlice[" + symbol + " " + bars.size() + " bars, " + signals.length + " signals, complete through "
        + completeThroughMicros + "]";
  }
}
