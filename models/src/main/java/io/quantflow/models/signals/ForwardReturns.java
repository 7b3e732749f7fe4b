package io.quantflow.models.signals;

import io.quantflow.domain.Checks;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Forward returns of several symbols at a fixed set of horizons, the labels against which signal scores are
 * judged. The forward return of the bar with index {@code i} over {@code h} bars is the simple return
 * {@code close[i + h] / close[i] - 1}, counted in bars of the symbol's own series (not in wall-clock time). It is
 * NaN when {@code i + h} lies beyond the data. It becomes known at the timestamp of bar {@code i + h}
 * ({@link #knownAtMicros}). Immutable and thread-safe.
 */
public final class ForwardReturns {
  private final Map<String, long[]> timestamps;
  private final Map<String, double[][]> returnsByHorizon;
  private final int[] horizonsBars;

  private ForwardReturns(Map<String, long[]> timestamps, Map<String, double[][]> returnsByHorizon,
      int[] horizonsBars) {
    this.timestamps = timestamps;
    this.returnsByHorizon = returnsByHorizon;
    this.horizonsBars = horizonsBars;
  }

  /**
   * Computes the forward returns of every series at every horizon.
   *
   * @param series one price series per symbol; symbols must be distinct
   * @param horizonsBars distinct positive horizons in bars, e.g. {@code 1, 5, 15, 60}
   */
  public static ForwardReturns of(Collection<PriceSeries> series, int... horizonsBars) {
    Checks.notNull(series, "series");
    Checks.notNull(horizonsBars, "horizonsBars");
    Checks.isTrue(horizonsBars.length > 0, "Argument 'horizonsBars' must not be empty");
    int[] horizons = horizonsBars.clone();
    for (int i = 0; i < horizons.length; i++) {
      Checks.positive(horizons[i], "horizonsBars[" + i + "]");
      for (int j = 0; j < i; j++) {
        Checks.isTrue(horizons[i] != horizons[j], "Argument 'horizonsBars' has %d twice", horizons[i]);
      }
    }
    Map<String, long[]> ts = new HashMap<>();
    Map<String, double[][]> returns = new HashMap<>();
    for (PriceSeries s : series) {
      Checks.notNull(s, "series element");
      Checks.isTrue(!ts.containsKey(s.symbol()), "Argument 'series' has symbol %s twice", s.symbol());
      double[] close = s.close();
      double[][] byHorizon = new double[horizons.length][];
      for (int k = 0; k < horizons.length; k++) {
        byHorizon[k] = compute(close, horizons[k]);
      }
      ts.put(s.symbol(), s.timestampMicros());
      returns.put(s.symbol(), byHorizon);
    }
    return new ForwardReturns(ts, returns, horizons);
  }

  /**
   * The forward returns {@code close[i + h] / close[i] - 1} of one series; the last {@code h} entries are NaN.
   *
   * @param close positive closing prices, one per bar
   * @param horizonBars horizon {@code h} in bars
   */
  public static double[] compute(double[] close, int horizonBars) {
    Checks.notNull(close, "close");
    Checks.positive(horizonBars, "horizonBars");
    double[] r = new double[close.length];
    for (int i = 0; i < close.length; i++) {
      r[i] = i + horizonBars < close.length ? close[i + horizonBars] / close[i] - 1 : Double.NaN;
    }
    return r;
  }

  /** A copy of the horizons, in bars, in the order given. */
  public int[] horizonsBars() {
    return horizonsBars.clone();
  }

  /**
   * The forward return of {@code symbol} from the bar stamped {@code timestampMicros} over {@code horizonBars};
   * NaN if the symbol is unknown, no bar has that timestamp, or the horizon runs past the end of the data.
   *
   * @throws IllegalArgumentException if {@code horizonBars} is not one of {@link #horizonsBars()}
   */
  public double get(String symbol, long timestampMicros, int horizonBars) {
    int k = horizonIndex(horizonBars);
    int i = barIndex(symbol, timestampMicros);
    return i < 0 ? Double.NaN : returnsByHorizon.get(symbol)[k][i];
  }

  /**
   * When the forward return {@link #get} becomes known: the timestamp of bar {@code i + h}, UTC epoch micros;
   * {@link Long#MAX_VALUE} if that return is NaN.
   */
  public long knownAtMicros(String symbol, long timestampMicros, int horizonBars) {
    horizonIndex(horizonBars);
    int i = barIndex(symbol, timestampMicros);
    long[] ts = i < 0 ? null : timestamps.get(symbol);
    return ts == null || i + horizonBars >= ts.length ? Long.MAX_VALUE : ts[i + horizonBars];
  }

  private int barIndex(String symbol, long timestampMicros) {
    long[] ts = timestamps.get(symbol);
    if (ts == null) {
      return -1;
    }
    int i = Arrays.binarySearch(ts, timestampMicros);
    return i < 0 ? -1 : i;
  }

  private int horizonIndex(int horizonBars) {
    for (int k = 0; k < horizonsBars.length; k++) {
      if (horizonsBars[k] == horizonBars) {
        return k;
      }
    }
    throw new IllegalArgumentException("Argument 'horizonBars' must be one of " + Arrays.toString(horizonsBars)
        + " but was " + horizonBars);
  }
}
