package io.quantflow.domain;

import java.util.Arrays;

/**
 * Every feature of every timeframe of one symbol as known at the close of one base-timeframe bar: the output of
 * multi-timeframe alignment. A coarser timeframe contributes the values of its latest bar that had <em>closed</em> by
 * then (available at or before {@link #availableAtMicros()}), never a bar still forming; before its first close its
 * values are NaN.
 *
 * <p>{@code values[i]} is named by the {@code i}-th name of the alignment's schema, {@code <feature>_<timeframe>}
 * such as {@code ema_20_5m}, with {@code close_<timeframe>} first for each timeframe. The array is not copied.
 * Revisions and retractions work as for {@link FeatureRow}.
 *
 * @param symbol ticker
 * @param timeframe the base timeframe
 * @param timestampMicros start of the base bar, UTC epoch microseconds
 * @param values values in schema order
 * @param revision 0 for the first version, then 1, 2, ...
 * @param retracted whether the row withdraws its base bar
 */
public record WideRow(String symbol, Timeframe timeframe, long timestampMicros, double[] values, int revision,
    boolean retracted) {

  /** Checks the identifying fields. */
  public WideRow {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    Checks.notNull(values, "values");
    Checks.isTrue(revision >= 0, "Argument 'revision' must not be negative but was %d", revision);
  }

  /** A first version (revision 0, not retracted). */
  public WideRow(String symbol, Timeframe timeframe, long timestampMicros, double[] values) {
    this(symbol, timeframe, timestampMicros, values, 0, false);
  }

  /** The moment the row is known: the close of the base bar, UTC epoch microseconds. */
  public long availableAtMicros() {
    return timestampMicros + timeframe.durationMicros();
  }

  /** The value at {@code index}. */
  public double value(int index) {
    return values[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WideRow r && symbol.equals(r.symbol) && timeframe == r.timeframe
        && timestampMicros == r.timestampMicros && Arrays.equals(values, r.values) && revision == r.revision
        && retracted == r.retracted;
  }

  @Override
  public int hashCode() {
    return (symbol.hashCode() * 31 + Long.hashCode(timestampMicros)) * 31 + Arrays.hashCode(values) + revision;
  }

  @Override
  public String toString() {
    return "WideRow[" + symbol + " " + timeframe + " " + timestampMicros + " " + Arrays.toString(values)
        + (revision > 0 ? " rev=" + revision : "") + (retracted ? " retracted" : "") + "]";
  }
}
