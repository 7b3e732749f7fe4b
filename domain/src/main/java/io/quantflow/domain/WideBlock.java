package io.quantflow.domain;

import java.util.Arrays;

/**
 * Aligned multi-timeframe rows of consecutive base bars of one symbol, columnar: what the alignment operator emits.
 * Row {@code i}'s values are {@code values[i * width .. i * width + width - 1]} in the alignment schema's order (see
 * {@link WideRow}). Revisions and retractions as in {@link FeatureRow}. The arrays are not copied.
 *
 * @param symbol ticker
 * @param timeframe the base timeframe
 * @param startMicros base bar starts, UTC epoch microseconds
 * @param width values per row
 * @param values values, row-major
 * @param revision per-row revision numbers
 * @param retracted per-row retraction flags
 */
public record WideBlock(String symbol, Timeframe timeframe, long[] startMicros, int width, double[] values,
    int[] revision, boolean[] retracted) {

  /** Checks the column lengths. */
  public WideBlock {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    int n = startMicros.length;
    Checks.isTrue(values.length == n * width && revision.length == n && retracted.length == n,
        "Columns of a WideBlock of %s must have %d rows of %d values", symbol, n, width);
  }

  /** Number of rows. */
  public int size() {
    return startMicros.length;
  }

  /** The close of row {@code i}'s base bar, UTC epoch microseconds. */
  public long availableAtMicros(int i) {
    return startMicros[i] + timeframe.durationMicros();
  }

  /** Value {@code j} of row {@code i}. */
  public double value(int i, int j) {
    return values[i * width + j];
  }

  /** Row {@code i} as a {@link WideRow} (its values copied). */
  public WideRow row(int i) {
    return new WideRow(symbol, timeframe, startMicros[i], Arrays.copyOfRange(values, i * width, (i + 1) * width),
        revision[i], retracted[i]);
  }

  /** A block of the given rows, all of one symbol and timeframe and of equal width. */
  public static WideBlock of(java.util.List<WideRow> rows) {
    Checks.isTrue(!rows.isEmpty(), "Argument 'rows' must not be empty");
    WideRow first = rows.get(0);
    int width = first.values().length;
    int n = rows.size();
    long[] ts = new long[n];
    double[] values = new double[n * width];
    int[] rev = new int[n];
    boolean[] retracted = new boolean[n];
    for (int i = 0; i < n; i++) {
      WideRow r = rows.get(i);
      ts[i] = r.timestampMicros();
      System.arraycopy(r.values(), 0, values, i * width, width);
      rev[i] = r.revision();
      retracted[i] = r.retracted();
    }
    return new WideBlock(first.symbol(), first.timeframe(), ts, width, values, rev, retracted);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WideBlock b && symbol.equals(b.symbol) && timeframe == b.timeframe && width == b.width
        && Arrays.equals(startMicros, b.startMicros) && Arrays.equals(values, b.values)
        && Arrays.equals(revision, b.revision) && Arrays.equals(retracted, b.retracted);
  }

  @Override
  public int hashCode() {
    return (symbol.hashCode() * 31 + timeframe.hashCode()) * 31 + Arrays.hashCode(startMicros);
  }

  @Override
  public String toString() {
    return "WideBlock[" + symbol + " " + timeframe + " " + size() + " rows]";
  }
}
