package io.quantflow.domain;

import java.util.Arrays;

/**
 * The features of one symbol on one bar of one timeframe, as known when that bar closed.
 *
 * <p>{@code values[i]} belongs to the feature named {@code names[i]} of the {@link FeatureSchema} that produced the
 * row; a value is NaN while its indicator is warming up. The array is not copied: producers must not modify it
 * after construction.
 *
 * <p>In a STREAMING job a late trade or a correction revises a bar after it was emitted; its features (and those of
 * the later bars they feed into) are then emitted again with the next {@code revision}. The latest revision of a key
 * (symbol, timeframe, timestamp) is what a BATCH job over the same data emits as revision 0. A {@code retracted}
 * row withdraws a bar that no longer exists (every trade in it was cancelled); its values are NaN.
 *
 * @param symbol ticker
 * @param timeframe timeframe of the bar the features were computed on
 * @param timestampMicros start of that bar, UTC epoch microseconds
 * @param close close of that bar, USD
 * @param values feature values in schema order
 * @param revision 0 for the first version, then 1, 2, ...
 * @param retracted whether the row withdraws its bar
 */
public record FeatureRow(String symbol, Timeframe timeframe, long timestampMicros, double close, double[] values,
    int revision, boolean retracted) {

  /** Checks the identifying fields. */
  public FeatureRow {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(values, "values");
    Checks.isTrue(revision >= 0, "Argument 'revision' must not be negative but was %d", revision);
  }

  /** A first version (revision 0, not retracted). */
  public FeatureRow(String symbol, Timeframe timeframe, long timestampMicros, double close, double[] values) {
    this(symbol, timeframe, timestampMicros, close, values, 0, false);
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
        && Arrays.equals(values, r.values) && revision == r.revision && retracted == r.retracted;
  }

  @Override
  public int hashCode() {
    return ((symbol.hashCode() * 31 + timeframe.hashCode()) * 31 + Long.hashCode(timestampMicros)) * 31
        + Arrays.hashCode(values) + revision;
  }

  @Override
  public String toString() {
    return "FeatureRow[" + symbol + " " + timeframe + " " + timestampMicros + " close=" + close + " "
        + Arrays.toString(values) + (revision > 0 ? " rev=" + revision : "") + (retracted ? " retracted" : "") + "]";
  }
}
