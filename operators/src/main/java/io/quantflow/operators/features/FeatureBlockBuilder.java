package io.quantflow.operators.features;

import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.Timeframe;
import java.util.Arrays;

/** Accumulates feature rows of one symbol and timeframe and builds a {@link FeatureBlock}. */
public final class FeatureBlockBuilder {
  private final String symbol;
  private final Timeframe timeframe;
  private final int width;
  private int n;
  private long[] start;
  private double[] close;
  private double[] values;
  private int[] revision;
  private boolean[] retracted;

  /** A builder with room for {@code capacity} rows of {@code width} values. */
  public FeatureBlockBuilder(String symbol, Timeframe timeframe, int width, int capacity) {
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.width = width;
    int c = Math.max(1, capacity);
    start = new long[c];
    close = new double[c];
    values = new double[c * width];
    revision = new int[c];
    retracted = new boolean[c];
  }

  /** Rows so far. */
  public int size() {
    return n;
  }

  /** The row-major value table; row {@code r} starts at {@code r * width}. Valid until the next append. */
  public double[] values() {
    return values;
  }

  /** Appends a row whose values the caller writes into {@link #values()}; returns its index. */
  public int append(long startMicros, double closePrice, int rev, boolean retract) {
    if (n == start.length) {
      int c = start.length * 2;
      start = Arrays.copyOf(start, c);
      close = Arrays.copyOf(close, c);
      values = Arrays.copyOf(values, c * width);
      revision = Arrays.copyOf(revision, c);
      retracted = Arrays.copyOf(retracted, c);
    }
    start[n] = startMicros;
    close[n] = closePrice;
    revision[n] = rev;
    retracted[n] = retract;
    return n++;
  }

  /** Appends the retraction of the row at {@code startMicros} (values NaN). */
  public void retract(long startMicros, int rev) {
    int r = append(startMicros, Double.NaN, rev, true);
    Arrays.fill(values, r * width, (r + 1) * width, Double.NaN);
  }

  /** The block of the rows appended; null when there are none. */
  public FeatureBlock build() {
    if (n == 0) {
      return null;
    }
    boolean exact = n == start.length;
    return new FeatureBlock(symbol, timeframe, exact ? start : Arrays.copyOf(start, n),
        exact ? close : Arrays.copyOf(close, n), width, exact ? values : Arrays.copyOf(values, n * width),
        exact ? revision : Arrays.copyOf(revision, n), exact ? retracted : Arrays.copyOf(retracted, n));
  }
}
