package io.quantflow.domain;

import java.util.Arrays;

/**
 * The features of one symbol on one bar of one timeframe, as known when that bar closed.
 *
 * <p>{@code values[i]} belongs to the feature named {@code names[i]} of the {@link FeatureSchema} that produced the
 * row; a value is NaN while its indicator is warming up. The array is not copied: producers must not modify it
 * after construction.
 *
 * @param symbol ticker
 * @param timeframe timeframe of the bar the features were computed on
 * @param timestampMicros start of that bar, UTC epoch microseconds
 * @param close close of that bar, USD
 * @param values feature values in schema order
 */
public record FeatureRow(String symbol, Timeframe timeframe, long timestampMicros, double close, double[] values) {

  /** Checks the identifying fields. */
  public FeatureRow {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(values, "values");
  }

  /** The moment these features became known: the end of the bar, UTC epoch microseconds. */
  public long availableAtMicros() {
    return timestampMicros + timeframe.durationMicros();
  }

  /** The value at {@code index}. */
  public double value(int index) {
    return values[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureRow r && symbol.equals(r.symbol) && timeframe == r.timeframe
        && timestampMicros == r.timestampMicros && Double.compare(close, r.close) == 0
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return ((symbol.hashCode() * 31 + timeframe.hashCode()) * 31 + Long.hashCode(timestampMicros)) * 31
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureRow[" + symbol + " " + timeframe + " " + timestampMicros + " close=" + close + " "
        + Arrays.toString(values) + "]";
  }
}
