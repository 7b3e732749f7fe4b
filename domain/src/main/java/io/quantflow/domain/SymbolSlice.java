package io.quantflow.domain;

import java.util.Arrays;
import java.util.List;

/**
 * What the portfolio learns about one symbol in one step of the pipeline (LEAN calls the cross-section a slice):
 * the symbol's new base-timeframe bars (first versions only: a fill cannot be undone), the signals decided on them
 * (first versions, not retracted), and how far the symbol is complete. Bars and signals travel together so that one
 * channel carries both and their order: once a slice says "complete through t", every bar and signal of the symbol
 * up to t has arrived.
 *
 * <p>Columnar, and only the columns the portfolio trades on: a backtest moves every base bar through this record,
 * so it carries prices, volume and spread but not trade counts, VWAP or quote statistics, and signals without their
 * human-readable reason (that goes to the signals output). Build it with {@link #of}. Units as in {@link BarBlock}
 * and {@link Signal}; arrays are not copied and must not be modified.
 *
 * @param symbol ticker
 * @param barStartMicros bar starts in increasing order, UTC epoch micros
 * @param open opens
 * @param high highs
 * @param low lows
 * @param close closes
 * @param volume volumes, shares
 * @param spreadBps quoted spreads in bps of the mid, NaN without quotes
 * @param signalMicros decision times of the signals in increasing order, UTC epoch micros
 * @param signalDirection direction signs ({@link Direction#sign()})
 * @param signalStrength strengths in [0, 1]
 * @param signalHorizonMicros horizons, micros
 * @param completeThroughMicros every bar ending and every signal decided at or before this instant has been sent (UTC
 *     epoch micros); {@code Long.MIN_VALUE} when the slice vouches for nothing (a STREAMING job, where the watermark
 *     does), {@code Long.MAX_VALUE} once the symbol has ended
 * @param wide the aligned feature rows of the same step (first versions), for a model that validates the signals;
 *     null when the pipeline does not carry them (no model configured)
 */
public record SymbolSlice(String symbol, long[] barStartMicros, double[] open, double[] high, double[] low,
    double[] close, double[] volume, double[] spreadBps, long[] signalMicros, byte[] signalDirection,
    double[] signalStrength, long[] signalHorizonMicros, long completeThroughMicros, WideBlock wide) {

  private static final long[] NO_LONGS = new long[0];
  private static final double[] NO_DOUBLES = new double[0];
  private static final byte[] NO_BYTES = new byte[0];

  /** Checks that the bar columns and the signal columns each have one length. */
  public SymbolSlice {
    Checks.notBlank(symbol, "symbol");
    int n = Checks.notNull(barStartMicros, "barStartMicros").length;
    Checks.isTrue(open.length == n && high.length == n && low.length == n && close.length == n && volume.length == n
        && spreadBps.length == n, "Every bar column of a SymbolSlice of %s must have %d rows", symbol, n);
    int m = Checks.notNull(signalMicros, "signalMicros").length;
    Checks.isTrue(signalDirection.length == m && signalStrength.length == m && signalHorizonMicros.length == m,
        "Every signal column of a SymbolSlice of %s must have %d rows", symbol, m);
  }

  /**
   * The slice of {@code bars} (first versions of the base timeframe, or null for none; the arrays are shared, not
   * copied) and {@code signals} (first versions, in time order).
   */
  public static SymbolSlice of(String symbol, BarBlock bars, List<Signal> signals, long completeThroughMicros) {
    int m = signals.size();
    long[] t = m == 0 ? NO_LONGS : new long[m];
    byte[] d = m == 0 ? NO_BYTES : new byte[m];
    double[] s = m == 0 ? NO_DOUBLES : new double[m];
    long[] h = m == 0 ? NO_LONGS : new long[m];
    for (int i = 0; i < m; i++) {
      Signal x = signals.get(i);
      t[i] = x.timestampMicros();
      d[i] = (byte) x.direction().sign();
      s[i] = x.strength();
      h[i] = x.horizonMicros();
    }
    if (bars == null || bars.size() == 0) {
      return new SymbolSlice(symbol, NO_LONGS, NO_DOUBLES, NO_DOUBLES, NO_DOUBLES, NO_DOUBLES, NO_DOUBLES, NO_DOUBLES,
          t, d, s, h, completeThroughMicros, null);
    }
    Checks.isTrue(bars.symbol().equals(symbol), "Bars of %s in a slice of %s", bars.symbol(), symbol);
    return new SymbolSlice(symbol, bars.startMicros(), bars.open(), bars.high(), bars.low(), bars.close(),
        bars.volume(), bars.spreadBps(), t, d, s, h, completeThroughMicros, null);
  }

  /** This slice carrying {@code rows} (aligned rows of the same step, or null). */
  public SymbolSlice withWide(WideBlock rows) {
    return new SymbolSlice(symbol, barStartMicros, open, high, low, close, volume, spreadBps, signalMicros,
        signalDirection, signalStrength, signalHorizonMicros, completeThroughMicros, rows);
  }

  /** This slice with other signals (columns as in the record), and no aligned rows. */
  public SymbolSlice withSignals(long[] micros, byte[] direction, double[] strength, long[] horizonMicros) {
    return new SymbolSlice(symbol, barStartMicros, open, high, low, close, volume, spreadBps, micros, direction,
        strength, horizonMicros, completeThroughMicros, null);
  }

  /** Number of bars. */
  public int bars() {
    return barStartMicros.length;
  }

  /** Number of signals. */
  public int signals() {
    return signalMicros.length;
  }

  /** Signal {@code i} as a {@link Signal} (revision 0, no reason). */
  public Signal signal(int i) {
    return new Signal(symbol, signalMicros[i], Direction.ofSign(signalDirection[i]), signalStrength[i],
        signalHorizonMicros[i], "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymbolSlice x && symbol.equals(x.symbol) && completeThroughMicros == x.completeThroughMicros
        && Arrays.equals(barStartMicros, x.barStartMicros) && Arrays.equals(open, x.open)
        && Arrays.equals(high, x.high) && Arrays.equals(low, x.low) && Arrays.equals(close, x.close)
        && Arrays.equals(volume, x.volume) && Arrays.equals(spreadBps, x.spreadBps)
        && Arrays.equals(signalMicros, x.signalMicros) && Arrays.equals(signalDirection, x.signalDirection)
        && Arrays.equals(signalStrength, x.signalStrength)
        && Arrays.equals(signalHorizonMicros, x.signalHorizonMicros) && java.util.Objects.equals(wide, x.wide);
  }

  @Override
  public int hashCode() {
    return symbol.hashCode() * 31 + Long.hashCode(completeThroughMicros);
  }

  @Override
  public String toString() {
    return "SymbolSlice[" + symbol + " " + bars() + " bars, " + signals() + " signals, complete through "
        + completeThroughMicros + "]";
  }
}
