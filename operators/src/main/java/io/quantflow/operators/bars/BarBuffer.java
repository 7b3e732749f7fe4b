package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.BarView;
import io.quantflow.domain.Timeframe;
import java.util.Arrays;

/**
 * A growable, columnar list of bars of one symbol and timeframe sorted by start time: the kernels' working memory
 * for bars (pending, or kept for revisions). A Flink POJO (public fields, no-argument constructor) so it can live in
 * keyed state without Kryo; use the methods, not the fields.
 */
public final class BarBuffer {
  /** Number of rows in use. */
  public int size;
  /** Interval starts, UTC epoch micros. */
  public long[] start = new long[0];
  /** Opens. */
  public double[] open = new double[0];
  /** Highs. */
  public double[] high = new double[0];
  /** Lows. */
  public double[] low = new double[0];
  /** Closes. */
  public double[] close = new double[0];
  /** Volumes. */
  public double[] volume = new double[0];
  /** Trade counts. */
  public long[] tradeCount = new long[0];
  /** VWAPs. */
  public double[] vwap = new double[0];
  /** Mean spreads, bps. */
  public double[] spreadBps = new double[0];
  /** Mean quote imbalances. */
  public double[] imbalance = new double[0];
  /** Quote counts. */
  public long[] quoteCount = new long[0];
  /** Revisions. */
  public int[] revision = new int[0];
  /** Flags of {@link BarBlock}. */
  public byte[] flags = new byte[0];

  /** An empty buffer (also Flink's POJO constructor). */
  public BarBuffer() {}

  /** Whether the buffer is empty. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The start of the last row; {@code Long.MIN_VALUE} when empty. */
  public long lastStart() {
    return size == 0 ? Long.MIN_VALUE : start[size - 1];
  }

  /** Index of the row starting at {@code micros}, or {@code -(insertion point) - 1}. */
  public int indexOf(long micros) {
    return Arrays.binarySearch(start, 0, size, micros);
  }

  /** Appends row {@code i} of {@code b} (its start must be after the last row's). */
  public void append(BarBlock b, int i) {
    insert(size, b.startMicros()[i], b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i],
        b.tradeCount()[i], b.vwap()[i], b.spreadBps()[i], b.imbalance()[i], b.quoteCount()[i], b.revision()[i],
        b.flags()[i]);
  }

  /** Inserts row {@code i} of {@code b} at its sorted position, or replaces the row with the same start. */
  public void put(BarBlock b, int i) {
    int at = indexOf(b.startMicros()[i]);
    if (at >= 0) {
      remove(at);
    } else {
      at = -at - 1;
    }
    insert(at, b.startMicros()[i], b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i],
        b.tradeCount()[i], b.vwap()[i], b.spreadBps()[i], b.imbalance()[i], b.quoteCount()[i], b.revision()[i],
        b.flags()[i]);
  }

  /** Inserts a row at index {@code at}. */
  public void insert(int at, long s, double o, double h, double l, double c, double v, long n, double vw,
      double spread, double imb, long quotes, int rev, byte flag) {
    if (size == start.length) {
      grow();
    }
    int tail = size - at;
    if (tail > 0) {
      System.arraycopy(start, at, start, at + 1, tail);
      System.arraycopy(open, at, open, at + 1, tail);
      System.arraycopy(high, at, high, at + 1, tail);
      System.arraycopy(low, at, low, at + 1, tail);
      System.arraycopy(close, at, close, at + 1, tail);
      System.arraycopy(volume, at, volume, at + 1, tail);
      System.arraycopy(tradeCount, at, tradeCount, at + 1, tail);
      System.arraycopy(vwap, at, vwap, at + 1, tail);
      System.arraycopy(spreadBps, at, spreadBps, at + 1, tail);
      System.arraycopy(imbalance, at, imbalance, at + 1, tail);
      System.arraycopy(quoteCount, at, quoteCount, at + 1, tail);
      System.arraycopy(revision, at, revision, at + 1, tail);
      System.arraycopy(flags, at, flags, at + 1, tail);
    }
    start[at] = s;
    open[at] = o;
    high[at] = h;
    low[at] = l;
    close[at] = c;
    volume[at] = v;
    tradeCount[at] = n;
    vwap[at] = vw;
    spreadBps[at] = spread;
    imbalance[at] = imb;
    quoteCount[at] = quotes;
    revision[at] = rev;
    flags[at] = flag;
    size++;
  }

  /** Removes the row at {@code at}. */
  public void remove(int at) {
    removeRange(at, at + 1);
  }

  /** Removes the first {@code count} rows. */
  public void dropFirst(int count) {
    removeRange(0, Math.min(count, size));
  }

  /** Removes the rows whose start is before {@code micros}. */
  public void dropBefore(long micros) {
    int at = indexOf(micros);
    dropFirst(at >= 0 ? at : -at - 1);
  }

  private void removeRange(int from, int to) {
    int tail = size - to;
    if (tail > 0) {
      System.arraycopy(start, to, start, from, tail);
      System.arraycopy(open, to, open, from, tail);
      System.arraycopy(high, to, high, from, tail);
      System.arraycopy(low, to, low, from, tail);
      System.arraycopy(close, to, close, from, tail);
      System.arraycopy(volume, to, volume, from, tail);
      System.arraycopy(tradeCount, to, tradeCount, from, tail);
      System.arraycopy(vwap, to, vwap, from, tail);
      System.arraycopy(spreadBps, to, spreadBps, from, tail);
      System.arraycopy(imbalance, to, imbalance, from, tail);
      System.arraycopy(quoteCount, to, quoteCount, from, tail);
      System.arraycopy(revision, to, revision, from, tail);
      System.arraycopy(flags, to, flags, from, tail);
    }
    size -= to - from;
  }

  /** Removes every row. */
  public void clear() {
    size = 0;
  }

  /** Rows {@code [from, to)} as a block of {@code symbol} and {@code timeframe}. */
  public BarBlock toBlock(String symbol, Timeframe timeframe, int from, int to) {
    BarBlock.Builder b = BarBlock.builder(symbol, timeframe, to - from);
    for (int i = from; i < to; i++) {
      b.add(start[i], open[i], high[i], low[i], close[i], volume[i], tradeCount[i], vwap[i], spreadBps[i],
          imbalance[i], quoteCount[i], revision[i], flags[i]);
    }
    return b.build();
  }

  /** A reusable, allocation-free view of the rows for {@code symbol} and {@code timeframe}. */
  public Cursor cursor(String symbol, Timeframe timeframe) {
    return new Cursor(this, symbol, timeframe);
  }

  private void grow() {
    int c = Math.max(8, start.length * 2);
    start = Arrays.copyOf(start, c);
    open = Arrays.copyOf(open, c);
    high = Arrays.copyOf(high, c);
    low = Arrays.copyOf(low, c);
    close = Arrays.copyOf(close, c);
    volume = Arrays.copyOf(volume, c);
    tradeCount = Arrays.copyOf(tradeCount, c);
    vwap = Arrays.copyOf(vwap, c);
    spreadBps = Arrays.copyOf(spreadBps, c);
    imbalance = Arrays.copyOf(imbalance, c);
    quoteCount = Arrays.copyOf(quoteCount, c);
    revision = Arrays.copyOf(revision, c);
    flags = Arrays.copyOf(flags, c);
  }

  /** A movable view of one row of a {@link BarBuffer}. */
  public static final class Cursor implements BarView {
    private final BarBuffer buf;
    private final String symbol;
    private final Timeframe timeframe;
    private int i;

    private Cursor(BarBuffer buf, String symbol, Timeframe timeframe) {
      this.buf = buf;
      this.symbol = symbol;
      this.timeframe = timeframe;
    }

    /** Points at row {@code row}. */
    public Cursor at(int row) {
      i = row;
      return this;
    }

    @Override
    public String symbol() {
      return symbol;
    }

    @Override
    public Timeframe timeframe() {
      return timeframe;
    }

    @Override
    public long timestampMicros() {
      return buf.start[i];
    }

    @Override
    public double open() {
      return buf.open[i];
    }

    @Override
    public double high() {
      return buf.high[i];
    }

    @Override
    public double low() {
      return buf.low[i];
    }

    @Override
    public double close() {
      return buf.close[i];
    }

    @Override
    public double volume() {
      return buf.volume[i];
    }

    @Override
    public long tradeCount() {
      return buf.tradeCount[i];
    }

    @Override
    public double vwap() {
      return buf.vwap[i];
    }

    @Override
    public double spreadBps() {
      return buf.spreadBps[i];
    }

    @Override
    public double imbalance() {
      return buf.imbalance[i];
    }
  }
}
