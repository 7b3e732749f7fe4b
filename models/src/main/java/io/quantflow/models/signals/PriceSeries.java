package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.Arrays;

/**
 * Closing prices of one symbol, one per bar, in strictly increasing time order. Prices are in the quote currency
 * and positive. Immutable and thread-safe: the arrays are copied in and out.
 *
 * @param symbol ticker
 * @param timestampMicros bar timestamps (the bar close), UTC epoch micros, strictly increasing
 * @param close closing prices, same length as {@code timestampMicros}
 */
public record PriceSeries(String symbol, long[] timestampMicros, double[] close) {

  /** Checks the fields and copies the arrays. */
  public PriceSeries {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timestampMicros, "timestampMicros");
    Checks.notNull(close, "close");
    Checks.isTrue(timestampMicros.length == close.length,
        "Arguments 'timestampMicros' and 'close' of %s must have the same length but have %d and %d", symbol,
        timestampMicros.length, close.length);
    for (int i = 0; i < close.length; i++) {
      Checks.positive(close[i], "close[" + i + "]");
      if (i > 0) {
        Checks.isTrue(timestampMicros[i] > timestampMicros[i - 1],
            "Argument 'timestampMicros' of %s must be strictly increasing but has %d after %d at index %d", symbol,
            timestampMicros[i], timestampMicros[i - 1], i);
      }
    }
    timestampMicros = timestampMicros.clone();
    close = close.clone();
  }

  /** A copy of the bar timestamps. */
  @Override
  public long[] timestampMicros() {
    return timestampMicros.clone();
  }

  /** A copy of the closing prices. */
  @Override
  public double[] close() {
    return close.clone();
  }

  /** The number of bars. */
  public int size() {
    return close.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PriceSeries p && symbol.equals(p.symbol) && Arrays.equals(timestampMicros, p.timestampMicros)
        && Arrays.equals(close, p.close);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * symbol.hashCode() + Arrays.hashCode(timestampMicros)) + Arrays.hashCode(close);
  }

  @Override
  public String toString() {
    return "PriceSeries[symbol=" + symbol + ", bars=" + close.length + "]";
  }
}
