package io.quantflow.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Consecutive bars of one symbol and timeframe in columnar arrays: the record that flows between the pipeline's
 * operators. A BATCH job moves a file's worth of bars per record (the per-record cost of Flink is paid once per
 * block, not once per bar); a live STREAMING job moves blocks of one bar. Results never depend on how bars are cut
 * into blocks.
 *
 * <p>Rows are in strictly increasing {@code startMicros} order unless the block carries revisions (rows with
 * {@code revision > 0}), which replace earlier versions of the same bar. A row flagged {@link #RETRACTED} withdraws
 * a bar that was emitted before (all its trades were cancelled); its prices repeat the last version's. Units as in
 * {@link Bar}; quote columns are NaN (and {@code quoteCount} 0) when the bar was not built from quotes.
 *
 * <p>The arrays are not copied: producers must not modify them after construction, consumers must not modify them
 * at all. Use {@link Builder} to create blocks.
 *
 * @param symbol ticker
 * @param timeframe interval length of every row
 * @param startMicros interval starts, UTC epoch microseconds
 * @param open first trade prices
 * @param high highest trade prices
 * @param low lowest trade prices
 * @param close last trade prices
 * @param volume shares traded
 * @param tradeCount trade counts, {@link Bar#UNKNOWN_TRADE_COUNT} when unknown
 * @param vwap volume-weighted average prices, NaN when unknown
 * @param spreadBps mean quoted spreads in basis points of the mid, NaN without quotes
 * @param imbalance mean quote imbalances in [-1, 1], NaN without quotes
 * @param quoteCount number of two-sided quotes aggregated, 0 without quotes
 * @param revision 0 for the first version of a bar, then 1, 2, ... for each revision
 * @param flags bit set of {@link #RETRACTED} and {@link #CARRIED}
 */
public record BarBlock(String symbol, Timeframe timeframe, long[] startMicros, double[] open, double[] high,
    double[] low, double[] close, double[] volume, long[] tradeCount, double[] vwap, double[] spreadBps,
    double[] imbalance, long[] quoteCount, int[] revision, byte[] flags) {

  /** Flag: the bar is withdrawn. */
  public static final byte RETRACTED = 1;
  /** Flag: an empty interval filled with the previous close and zero volume. */
  public static final byte CARRIED = 2;
  /** Flag: the one row of a progress marker ({@link #progress}); not a bar. */
  public static final byte PROGRESS = 4;

  /** Checks that every column has the same length. */
  public BarBlock {
    Checks.notBlank(symbol, "symbol");
    Checks.notNull(timeframe, "timeframe");
    int n = Checks.notNull(startMicros, "startMicros").length;
    Checks.isTrue(open.length == n && high.length == n && low.length == n && close.length == n && volume.length == n
        && tradeCount.length == n && vwap.length == n && spreadBps.length == n && imbalance.length == n
        && quoteCount.length == n && revision.length == n && flags.length == n,
        "Every column of a BarBlock of %s %s must have %d rows", symbol, timeframe, n);
  }

  /**
   * The end-of-data marker of {@code symbol}: a block without rows, sent by a bounded source after a symbol's last
   * block so its operator can finish without waiting for the end of the whole input.
   */
  public static BarBlock end(String symbol, Timeframe timeframe) {
    return builder(symbol, timeframe, 0).build();
  }

  /** Whether this is an end-of-data marker ({@link #end}). */
  public boolean isEnd() {
    return startMicros.length == 0;
  }

  /**
   * The progress marker of {@code symbol}: sent by a bounded source that reads its symbols period by period, it says
   * that every bar of the symbol ending at or before {@code throughMicros} (UTC epoch micros) has been sent, so
   * operators downstream may finish that much of the symbol without waiting for the end of the input. It carries one
   * row flagged {@link #PROGRESS} whose start is {@code throughMicros} and whose prices are zero; it is not a bar.
   */
  public static BarBlock progress(String symbol, Timeframe timeframe, long throughMicros) {
    return new BarBlock(symbol, timeframe, new long[] {throughMicros}, new double[1], new double[1], new double[1],
        new double[1], new double[1], new long[1], new double[1], new double[1], new double[1], new long[1],
        new int[1], new byte[] {PROGRESS});
  }

  /** Whether this is a progress marker ({@link #progress}). */
  public boolean isProgress() {
    return startMicros.length == 1 && (flags[0] & PROGRESS) != 0;
  }

  /** The instant a progress marker vouches for: every bar ending at or before it was sent, UTC epoch micros. */
  public long progressMicros() {
    Checks.isTrue(isProgress(), "%s is not a progress marker", this);
    return startMicros[0];
  }

  /**
   * A block of trade bars given column by column (no quotes, revision 0, no flags), each row checked by the rules
   * of {@link Bar}. The arrays are kept, not copied.
   *
   * @throws IllegalArgumentException with {@link Bar}'s message for the first invalid row
   */
  public static BarBlock ofColumns(String symbol, Timeframe timeframe, long[] startMicros, double[] open,
      double[] high, double[] low, double[] close, double[] volume, long[] tradeCount, double[] vwap) {
    int n = startMicros.length;
    for (int i = 0; i < n; i++) {
      double o = open[i];
      double h = high[i];
      double l = low[i];
      double c = close[i];
      double v = volume[i];
      double w = vwap[i];
      if (!(o > 0 && h > 0 && l > 0 && c > 0 && h >= Math.max(o, c) && l <= Math.min(o, c) && v >= 0
          && h < Double.POSITIVE_INFINITY && v < Double.POSITIVE_INFINITY && tradeCount[i] >= Bar.UNKNOWN_TRADE_COUNT
          && (Double.isNaN(w) || w > 0 && w < Double.POSITIVE_INFINITY))) {
        new Bar(symbol, timeframe, startMicros[i], o, h, l, c, v, tradeCount[i], w); // throws with Bar's message
      }
    }
    double[] spread = new double[n];
    double[] imbalance = new double[n];
    java.util.Arrays.fill(spread, Double.NaN);
    java.util.Arrays.fill(imbalance, Double.NaN);
    return new BarBlock(symbol, timeframe, startMicros, open, high, low, close, volume, tradeCount, vwap, spread,
        imbalance, new long[n], new int[n], new byte[n]);
  }

  /** A block of one bar, revision 0. */
  public static BarBlock of(Bar bar) {
    return builder(bar.symbol(), bar.timeframe(), 1).add(bar).build();
  }

  /** A block of {@code bars}, all of one symbol and timeframe, in the given order. */
  public static BarBlock of(List<Bar> bars) {
    Checks.isTrue(!bars.isEmpty(), "Argument 'bars' must not be empty");
    Builder b = builder(bars.get(0).symbol(), bars.get(0).timeframe(), bars.size());
    bars.forEach(b::add);
    return b.build();
  }

  /** A builder for a block of {@code symbol} and {@code timeframe} with room for {@code capacity} rows. */
  public static Builder builder(String symbol, Timeframe timeframe, int capacity) {
    return new Builder(symbol, timeframe, capacity);
  }

  /** Number of bars. */
  public int size() {
    return startMicros.length;
  }

  /** The end of row {@code i}'s interval, UTC epoch microseconds. */
  public long availableAtMicros(int i) {
    return startMicros[i] + timeframe.durationMicros();
  }

  /** Whether row {@code i} withdraws its bar. */
  public boolean isRetracted(int i) {
    return (flags[i] & RETRACTED) != 0;
  }

  /** Whether row {@code i} is a carried (empty-interval) bar. */
  public boolean isCarried(int i) {
    return (flags[i] & CARRIED) != 0;
  }

  /** Row {@code i} as a {@link Bar} value (without the quote columns). */
  public Bar bar(int i) {
    return new Bar(symbol, timeframe, startMicros[i], open[i], high[i], low[i], close[i], volume[i], tradeCount[i],
        vwap[i]);
  }

  /** A reusable view of the rows; {@link Cursor#at} moves it. */
  public Cursor cursor() {
    return new Cursor(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BarBlock b && symbol.equals(b.symbol) && timeframe == b.timeframe
        && Arrays.equals(startMicros, b.startMicros) && Arrays.equals(open, b.open) && Arrays.equals(high, b.high)
        && Arrays.equals(low, b.low) && Arrays.equals(close, b.close) && Arrays.equals(volume, b.volume)
        && Arrays.equals(tradeCount, b.tradeCount) && Arrays.equals(vwap, b.vwap)
        && Arrays.equals(spreadBps, b.spreadBps) && Arrays.equals(imbalance, b.imbalance)
        && Arrays.equals(quoteCount, b.quoteCount) && Arrays.equals(revision, b.revision)
        && Arrays.equals(flags, b.flags);
  }

  @Override
  public int hashCode() {
    return (symbol.hashCode() * 31 + timeframe.hashCode()) * 31 + Arrays.hashCode(startMicros);
  }

  @Override
  public String toString() {
    return "BarBlock[" + symbol + " " + timeframe + " " + (isEnd() ? "end of data"
        : isProgress() ? "complete through " + startMicros[0] : size() + " bars")
        + (size() == 0 ? "" : " " + startMicros[0] + ".." + startMicros[size() - 1]) + "]";
  }

  /** A movable view of one row of a block; not thread-safe, allocation-free. */
  public static final class Cursor implements BarView {
    private final BarBlock block;
    private int i;

    private Cursor(BarBlock block) {
      this.block = block;
    }

    /** Points the cursor at row {@code row} and returns it. */
    public Cursor at(int row) {
      this.i = row;
      return this;
    }

    /** The row the cursor points at. */
    public int row() {
      return i;
    }

    @Override
    public String symbol() {
      return block.symbol;
    }

    @Override
    public Timeframe timeframe() {
      return block.timeframe;
    }

    @Override
    public long timestampMicros() {
      return block.startMicros[i];
    }

    @Override
    public double open() {
      return block.open[i];
    }

    @Override
    public double high() {
      return block.high[i];
    }

    @Override
    public double low() {
      return block.low[i];
    }

    @Override
    public double close() {
      return block.close[i];
    }

    @Override
    public double volume() {
      return block.volume[i];
    }

    @Override
    public long tradeCount() {
      return block.tradeCount[i];
    }

    @Override
    public double vwap() {
      return block.vwap[i];
    }

    @Override
    public double spreadBps() {
      return block.spreadBps[i];
    }

    @Override
    public double imbalance() {
      return block.imbalance[i];
    }
  }

  /** Accumulates rows and builds a {@link BarBlock}; rows are checked by the same rules as {@link Bar}. */
  public static final class Builder {
    private final String symbol;
    private final Timeframe timeframe;
    private int n;
    private long[] start;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private long[] tradeCount;
    private double[] vwap;
    private double[] spread;
    private double[] imbalance;
    private long[] quoteCount;
    private int[] revision;
    private byte[] flags;

    private Builder(String symbol, Timeframe timeframe, int capacity) {
      this.symbol = Checks.notBlank(symbol, "symbol");
      this.timeframe = Checks.notNull(timeframe, "timeframe");
      int c = Math.max(0, capacity);
      start = new long[c];
      open = new double[c];
      high = new double[c];
      low = new double[c];
      close = new double[c];
      volume = new double[c];
      tradeCount = new long[c];
      vwap = new double[c];
      spread = new double[c];
      imbalance = new double[c];
      quoteCount = new long[c];
      revision = new int[c];
      flags = new byte[c];
    }

    /** Rows added so far. */
    public int size() {
      return n;
    }

    /** Adds a bar, revision 0, no quotes. */
    public Builder add(Bar b) {
      return add(b.timestampMicros(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.tradeCount(), b.vwap(),
          Double.NaN, Double.NaN, 0, 0, (byte) 0);
    }

    /** Adds row {@code i} of {@code block}, all columns. */
    public Builder add(BarBlock block, int i) {
      return add(block.startMicros[i], block.open[i], block.high[i], block.low[i], block.close[i], block.volume[i],
          block.tradeCount[i], block.vwap[i], block.spreadBps[i], block.imbalance[i], block.quoteCount[i],
          block.revision[i], block.flags[i]);
    }

    /** Adds a row given column by column; prices are checked like {@link Bar}'s. */
    public Builder add(long startMicros, double o, double h, double l, double c, double v, long trades, double vw,
        double spreadBps, double imb, long quotes, int rev, byte flag) {
      if (!(o > 0 && h > 0 && l > 0 && c > 0 && h >= Math.max(o, c) && l <= Math.min(o, c) && v >= 0)
          || Double.isInfinite(h) || Double.isInfinite(v)) {
        new Bar(symbol, timeframe, startMicros, o, h, l, c, v, trades, vw); // throws with Bar's message
      }
      Checks.isTrue(rev >= 0, "Argument 'revision' must not be negative but was %d", rev);
      if (n == start.length) {
        grow();
      }
      start[n] = startMicros;
      open[n] = o;
      high[n] = h;
      low[n] = l;
      close[n] = c;
      volume[n] = v;
      tradeCount[n] = trades;
      vwap[n] = vw;
      spread[n] = spreadBps;
      imbalance[n] = imb;
      quoteCount[n] = quotes;
      revision[n] = rev;
      flags[n] = flag;
      n++;
      return this;
    }

    private void grow() {
      int c = Math.max(4, start.length * 2);
      start = Arrays.copyOf(start, c);
      open = Arrays.copyOf(open, c);
      high = Arrays.copyOf(high, c);
      low = Arrays.copyOf(low, c);
      close = Arrays.copyOf(close, c);
      volume = Arrays.copyOf(volume, c);
      tradeCount = Arrays.copyOf(tradeCount, c);
      vwap = Arrays.copyOf(vwap, c);
      spread = Arrays.copyOf(spread, c);
      imbalance = Arrays.copyOf(imbalance, c);
      quoteCount = Arrays.copyOf(quoteCount, c);
      revision = Arrays.copyOf(revision, c);
      flags = Arrays.copyOf(flags, c);
    }

    /** The block of the rows added; the builder must not be used afterwards. */
    public BarBlock build() {
      if (n == start.length) { // no copy when the capacity was exact
        return new BarBlock(symbol, timeframe, start, open, high, low, close, volume, tradeCount, vwap, spread,
            imbalance, quoteCount, revision, flags);
      }
      return new BarBlock(symbol, timeframe, Arrays.copyOf(start, n), Arrays.copyOf(open, n), Arrays.copyOf(high, n),
          Arrays.copyOf(low, n), Arrays.copyOf(close, n), Arrays.copyOf(volume, n), Arrays.copyOf(tradeCount, n),
          Arrays.copyOf(vwap, n), Arrays.copyOf(spread, n), Arrays.copyOf(imbalance, n),
          Arrays.copyOf(quoteCount, n), Arrays.copyOf(revision, n), Arrays.copyOf(flags, n));
    }
  }
}
