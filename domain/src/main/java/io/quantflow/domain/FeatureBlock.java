package io.quantflow.domain;

import java.util.Arrays;

/**
 * The feature rows of consecutive bars of one symbol and timeframe, columnar: what the indicator operator emits, one
 * block per input {@link BarBlock}. Row {@code i}'s values are {@code values[i * width .. i * width + width - 1]} in
 * the order of the producing {@link FeatureSchema}. Revisions and retractions as in {@link FeatureRow}. The arrays
 * are not copied.
 *
 * @param symbol ticker
 * @param timeframe timeframe of the bars
 * @param startMicros bar starts, UTC epoch microseconds
 * @param close bar closes, USD
 * @param width features per row
 * @param values feature values, row-major
 * @param revision per-row revision numbers
 * @param retracted per-row retraction flags
 */
public record FeatureBlock(String symbol, Timeframe timeframe, long[] startMicros, double[] close, int width,
    double[] values, int[] revision, boolean[] retracted) {

  /** Checks the column lengths. */
  public FeatureBlock {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    int n = startMicros.length;
    Checks.isTrue(close.length == n && values.length == n * width && revision.length == n && retracted.length == n,
        "Columns of a FeatureBlock of %s %s must have %d rows of %d values", symbol, timeframe, n, width);
  }

  /** Number of rows. */
  public int size() {
    return startMicros.length;
  }

  /** The end of row {@code i}'s bar: when its features became known, UTC epoch microseconds. */
  public long availableAtMicros(int i) {
    return startMicros[i] + timeframe.durationMicros();
  }

  /** Feature {@code j} of row {@code i}. */
  public double value(int i, int j) {
    return values[i * width + j];
  }

  /** Row {@code i} as a {@link FeatureRow} (its values copied). */
  public FeatureRow row(int i) {
    return new FeatureRow(symbol, timeframe, startMicros[i], close[i],
        Arrays.copyOfRange(values, i * width, (i + 1) * width), revision[i], retracted[i]);
  }

  /** A block of one row. */
  public static FeatureBlock of(FeatureRow row) {
    return new FeatureBlock(row.symbol(), row.timeframe(), new long[] {row.timestampMicros()},
        new double[] {row.close()}, row.values().length, row.values().clone(), new int[] {row.revision()},
        new boolean[] {row.retracted()});
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureBlock b && symbol.equals(b.symbol) && timeframe == b.timeframe && width == b.width
        && Arrays.equals(startMicros, b.startMicros) && Arrays.equals(close, b.close)
        && Arrays.equals(values, b.values) && Arrays.equals(revision, b.revision)
        && Arrays.equals(retracted, b.retracted);
  }

  @Override
  public int hashCode() {
    return (symbol.hashCode() * 31 + timeframe.hashCode()) * 31 + Arrays.hashCode(startMicros);
  }

  @Override
  public String toString() {
    return "FeatureBlock[" + symbol + " " + timeframe + " " + size() + " rows]";
  }
}
