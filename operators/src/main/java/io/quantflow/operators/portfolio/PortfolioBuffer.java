package io.quantflow.operators.portfolio;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Signal;
import java.util.Arrays;

/**
 * The bars and signals the portfolio has received but not yet simulated, in columnar arrays (a POJO for Flink's
 * serializer), and the event-time merge that feeds them to the {@link PortfolioSimulator}: instant by instant, at
 * each instant the bars in symbol order, then the signals in symbol order. Each symbol's bars and signals must
 * arrive in time order (the pipeline's keyed stages emit them so, in both modes); symbols may interleave in any way.
 * That is what makes BATCH mode, which delivers whole symbols one after another, and STREAMING mode, which
 * interleaves them, simulate the same history.
 */
public final class PortfolioBuffer {
  /** Symbols seen, in arrival order (indices of {@link #barSymbol} and {@link #signalSymbol}). */
  public String[] symbols = new String[0];
  /** Bars in use. */
  public int bars;
  /** Symbol index per bar. */
  public int[] barSymbol = new int[0];
  /** Bar starts, UTC epoch micros. */
  public long[] start = new long[0];
  /** Bar ends (the instant the bar closes), UTC epoch micros. */
  public long[] end = new long[0];
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
  /** Quoted spreads, bps, NaN when unknown. */
  public double[] spread = new double[0];
  /** Signals in use. */
  public int signals;
  /** Symbol index per signal. */
  public int[] signalSymbol = new int[0];
  /** Decision times, UTC epoch micros. */
  public long[] signalTime = new long[0];
  /** Direction signs. */
  public int[] signalDirection = new int[0];
  /** Strengths. */
  public double[] signalStrength = new double[0];
  /** Horizons, micros. */
  public long[] signalHorizon = new long[0];
  /** Reasons. */
  public String[] signalReason = new String[0];
  /** Latest bar end per symbol (to check the per-symbol order). */
  public long[] lastEnd = new long[0];
  /** Latest signal time per symbol. */
  public long[] lastSignal = new long[0];
  /** Per symbol, the instant through which every bar and signal has arrived ({@link #complete}), UTC epoch micros. */
  public long[] complete = new long[0];
  /** The instant everything up to which has been simulated, UTC epoch micros. */
  public long drained = Long.MIN_VALUE;

  /** For Flink's POJO serializer. */
  public PortfolioBuffer() {}

  /**
   * Adds the first versions of a block's bars (revisions and retractions are skipped: a fill cannot be undone).
   *
   * @throws IllegalStateException if the block goes back in time for its symbol
   */
  public void addBars(BarBlock block) {
    int sym = symbolIndex(block.symbol());
    int n = block.size();
    ensureBars(bars + n);
    long dur = block.timeframe().durationMicros();
    for (int i = 0; i < n; i++) {
      if (block.revision()[i] > 0 || block.isRetracted(i)) {
        continue;
      }
      long e = block.startMicros()[i] + dur;
      if (e <= lastEnd[sym]) {
        throw new IllegalStateException("Bars of " + block.symbol() + " reached the portfolio out of order (" + e
            + " after " + lastEnd[sym] + "); the pipeline's keyed stages must emit each symbol in time order");
      }
      lastEnd[sym] = e;
      int k = bars++;
      barSymbol[k] = sym;
      start[k] = block.startMicros()[i];
      end[k] = e;
      open[k] = block.open()[i];
      high[k] = block.high()[i];
      low[k] = block.low()[i];
      close[k] = block.close()[i];
      volume[k] = block.volume()[i];
      spread[k] = block.spreadBps()[i];
    }
  }

  /**
   * Adds a slice's bars and signals (first versions of {@code base} bars, as the pipeline sends them) and records how
   * far its symbol is complete.
   *
   * @throws IllegalStateException if the slice goes back in time for its symbol
   */
  public void addSlice(io.quantflow.domain.SymbolSlice slice, io.quantflow.domain.Timeframe base) {
    int sym = symbolIndex(slice.symbol());
    int n = slice.bars();
    ensureBars(bars + n);
    long dur = base.durationMicros();
    long[] st = slice.barStartMicros();
    for (int i = 0; i < n; i++) {
      long e = st[i] + dur;
      if (e <= lastEnd[sym]) {
        throw new IllegalStateException("Bars of " + slice.symbol() + " reached the portfolio out of order (" + e
            + " after " + lastEnd[sym] + "); the pipeline's keyed stages must emit each symbol in time order");
      }
      lastEnd[sym] = e;
      end[bars + i] = e;
    }
    java.util.Arrays.fill(barSymbol, bars, bars + n, sym);
    System.arraycopy(st, 0, start, bars, n);
    System.arraycopy(slice.open(), 0, open, bars, n);
    System.arraycopy(slice.high(), 0, high, bars, n);
    System.arraycopy(slice.low(), 0, low, bars, n);
    System.arraycopy(slice.close(), 0, close, bars, n);
    System.arraycopy(slice.volume(), 0, volume, bars, n);
    System.arraycopy(slice.spreadBps(), 0, spread, bars, n);
    bars += n;
    for (int i = 0; i < slice.signals(); i++) {
      addSignal(sym, slice.signalMicros()[i], slice.signalDirection()[i], slice.signalStrength()[i],
          slice.signalHorizonMicros()[i], "");
    }
    if (slice.completeThroughMicros() != Long.MIN_VALUE) {
      complete[sym] = Math.max(complete[sym], slice.completeThroughMicros());
    }
  }

  /** Adds a signal (first versions only are expected). */
  public void addSignal(Signal s) {
    addSignal(symbolIndex(s.symbol()), s.timestampMicros(), s.direction().sign(), s.strength(), s.horizonMicros(),
        s.reason());
  }

  private void addSignal(int sym, long time, int direction, double strength, long horizon, String reason) {
    if (time < lastSignal[sym]) {
      throw new IllegalStateException("Signals of " + symbols[sym] + " reached the portfolio out of order");
    }
    lastSignal[sym] = time;
    if (signals == signalSymbol.length) {
      int cap = Math.max(16, signals * 2);
      signalSymbol = Arrays.copyOf(signalSymbol, cap);
      signalTime = Arrays.copyOf(signalTime, cap);
      signalDirection = Arrays.copyOf(signalDirection, cap);
      signalStrength = Arrays.copyOf(signalStrength, cap);
      signalHorizon = Arrays.copyOf(signalHorizon, cap);
      signalReason = Arrays.copyOf(signalReason, cap);
    }
    int k = signals++;
    signalSymbol[k] = sym;
    signalTime[k] = time;
    signalDirection[k] = direction;
    signalStrength[k] = strength;
    signalHorizon[k] = horizon;
    signalReason[k] = reason;
  }

  /**
   * Records that every bar and signal of {@code symbol} up to and including {@code throughMicros} has arrived (a
   * BATCH source's progress, carried by {@link io.quantflow.domain.SymbolSlice}).
   */
  public void complete(String symbol, long throughMicros) {
    int sym = symbolIndex(symbol);
    complete[sym] = Math.max(complete[sym], throughMicros);
  }

  /**
   * The instant through which every one of {@code universe} symbols is complete: the earliest of their
   * {@link #complete} instants once that many symbols have reported, {@code Long.MIN_VALUE} before.
   */
  public long completeThrough(int universe) {
    if (symbols.length < universe) {
      return Long.MIN_VALUE;
    }
    long m = Long.MAX_VALUE;
    for (long c : complete) {
      m = Math.min(m, c);
    }
    return m;
  }

  /** The earliest instant waiting, or {@code Long.MAX_VALUE} when nothing waits. */
  public long earliest() {
    long m = Long.MAX_VALUE;
    for (int i = 0; i < bars; i++) {
      m = Math.min(m, end[i]);
    }
    for (int i = 0; i < signals; i++) {
      m = Math.min(m, signalTime[i]);
    }
    return m;
  }

  /**
   * Simulates every instant up to and including {@code untilMicros} and removes what it used.
   *
   * @return the number of instants simulated
   */
  public int drain(long untilMicros, PortfolioSimulator sim, PortfolioSimulator.Output out) {
    int nsym = symbols.length;
    // a rank by name, so that equal instants go in symbol order whatever the arrival order
    Integer[] byName = new Integer[nsym];
    for (int i = 0; i < nsym; i++) {
      byName[i] = i;
    }
    Arrays.sort(byName, (a, b) -> symbols[a].compareTo(symbols[b]));
    int[] order = new int[nsym];
    int[] rank = new int[nsym];
    for (int r = 0; r < nsym; r++) {
      order[r] = byName[r];
      rank[byName[r]] = r;
    }
    Queues bq = new Queues(nsym, barSymbol, bars, end, untilMicros);
    Queues sq = new Queues(nsym, signalSymbol, signals, signalTime, untilMicros);
    Heap sh = new Heap(sq, signalTime, rank);
    int[] simIndex = sim.symbolIndices(symbols);
    // bars: most symbols have a bar at most instants, so one pass over the symbols in name order per instant beats
    // a heap (which pays log(symbols) cache-missing steps per bar); the pass also finds the next instant
    int[] head = bq.from.clone();
    int[] barRows = bq.rows;
    long nextBar = Long.MAX_VALUE;
    for (int sym = 0; sym < nsym; sym++) {
      if (head[sym] < bq.to[sym]) {
        nextBar = Math.min(nextBar, end[barRows[head[sym]]]);
      }
    }
    int instants = 0;
    while (nextBar != Long.MAX_VALUE || !sh.isEmpty()) {
      long t = Math.min(nextBar, sh.isEmpty() ? Long.MAX_VALUE : signalTime[sh.peekRow()]);
      sim.beginInstant(t, out);
      boolean hadBars = false;
      if (nextBar == t) {
        long next = Long.MAX_VALUE;
        for (int r = 0; r < nsym; r++) {
          int sym = order[r];
          int h = head[sym];
          if (h < bq.to[sym]) {
            int k = barRows[h];
            if (end[k] == t) {
              sim.onBar(simIndex[sym], start[k], open[k], high[k], low[k], close[k], volume[k], spread[k], out);
              hadBars = true;
              head[sym] = ++h;
              if (h < bq.to[sym]) {
                next = Math.min(next, end[barRows[h]]);
              }
            } else {
              next = Math.min(next, end[k]);
            }
          }
        }
        nextBar = next;
      }
      while (!sh.isEmpty() && signalTime[sh.peekRow()] == t) {
        int k = sh.pop();
        sim.onSignal(new Signal(symbols[signalSymbol[k]], signalTime[k], Direction.ofSign(signalDirection[k]),
            signalStrength[k], signalHorizon[k], signalReason[k], 0, false), out);
      }
      sim.endInstant(t, hadBars, out);
      instants++;
    }
    compactBars(untilMicros);
    compactSignals(untilMicros);
    drained = Math.max(drained, untilMicros);
    return instants;
  }

  private void compactBars(long until) {
    int w = 0;
    for (int r = 0; r < bars; r++) {
      if (end[r] > until) {
        barSymbol[w] = barSymbol[r];
        start[w] = start[r];
        end[w] = end[r];
        open[w] = open[r];
        high[w] = high[r];
        low[w] = low[r];
        close[w] = close[r];
        volume[w] = volume[r];
        spread[w] = spread[r];
        w++;
      }
    }
    bars = w; // capacity is kept: a BATCH run drains period by period and refills to about the same size
  }

  private void compactSignals(long until) {
    int w = 0;
    for (int r = 0; r < signals; r++) {
      if (signalTime[r] > until) {
        signalSymbol[w] = signalSymbol[r];
        signalTime[w] = signalTime[r];
        signalDirection[w] = signalDirection[r];
        signalStrength[w] = signalStrength[r];
        signalHorizon[w] = signalHorizon[r];
        signalReason[w] = signalReason[r];
        w++;
      }
    }
    for (int r = w; r < signals; r++) {
      signalReason[r] = null;
    }
    signals = w;
  }

  private int symbolIndex(String symbol) {
    for (int i = symbols.length - 1; i >= 0; i--) {
      if (symbols[i].equals(symbol)) {
        return i;
      }
    }
    symbols = Arrays.copyOf(symbols, symbols.length + 1);
    symbols[symbols.length - 1] = symbol;
    lastEnd = Arrays.copyOf(lastEnd, symbols.length);
    lastEnd[symbols.length - 1] = Long.MIN_VALUE;
    lastSignal = Arrays.copyOf(lastSignal, symbols.length);
    lastSignal[symbols.length - 1] = Long.MIN_VALUE;
    complete = Arrays.copyOf(complete, symbols.length);
    complete[symbols.length - 1] = Long.MIN_VALUE;
    return symbols.length - 1;
  }

  private void ensureBars(int need) {
    if (need <= barSymbol.length) {
      return;
    }
    int cap = Math.max(need, Math.max(1024, barSymbol.length * 3 / 2));
    barSymbol = Arrays.copyOf(barSymbol, cap);
    start = Arrays.copyOf(start, cap);
    end = Arrays.copyOf(end, cap);
    open = Arrays.copyOf(open, cap);
    high = Arrays.copyOf(high, cap);
    low = Arrays.copyOf(low, cap);
    close = Arrays.copyOf(close, cap);
    volume = Arrays.copyOf(volume, cap);
    spread = Arrays.copyOf(spread, cap);
  }

  /** The rows up to an instant, grouped by symbol in arrival (= time) order: a counting sort. */
  private static final class Queues {
    final int[] rows;
    final int[] from;
    final int[] to;

    Queues(int nsym, int[] symbolOf, int n, long[] time, long until) {
      int[] count = new int[nsym + 1];
      for (int r = 0; r < n; r++) {
        if (time[r] <= until) {
          count[symbolOf[r] + 1]++;
        }
      }
      for (int i = 0; i < nsym; i++) {
        count[i + 1] += count[i];
      }
      from = Arrays.copyOf(count, nsym);
      to = new int[nsym];
      rows = new int[count[nsym]];
      int[] next = Arrays.copyOf(count, nsym);
      for (int r = 0; r < n; r++) {
        if (time[r] <= until) {
          rows[next[symbolOf[r]]++] = r;
        }
      }
      System.arraycopy(next, 0, to, 0, nsym);
    }
  }

  /** A binary heap of symbols keyed by (time of the symbol's next row, name rank). */
  private static final class Heap {
    private final Queues q;
    private final long[] time;
    private final int[] rank;
    private final int[] heap;
    private final int[] head;
    private int size;

    Heap(Queues q, long[] time, int[] rank) {
      this.q = q;
      this.time = time;
      this.rank = rank;
      this.heap = new int[rank.length];
      this.head = q.from.clone();
      for (int s = 0; s < rank.length; s++) {
        if (head[s] < q.to[s]) {
          heap[size++] = s;
          up(size - 1);
        }
      }
    }

    boolean isEmpty() {
      return size == 0;
    }

    int peekRow() {
      return q.rows[head[heap[0]]];
    }

    int pop() {
      int s = heap[0];
      int row = q.rows[head[s]++];
      if (head[s] < q.to[s]) {
        down(0);
      } else {
        heap[0] = heap[--size];
        if (size > 0) {
          down(0);
        }
      }
      return row;
    }

    private boolean less(int a, int b) {
      long ta = time[q.rows[head[a]]];
      long tb = time[q.rows[head[b]]];
      return ta != tb ? ta < tb : rank[a] < rank[b];
    }

    private void up(int i) {
      while (i > 0) {
        int p = (i - 1) / 2;
        if (!less(heap[i], heap[p])) {
          return;
        }
        int t = heap[i];
        heap[i] = heap[p];
        heap[p] = t;
        i = p;
      }
    }

    private void down(int i) {
      while (true) {
        int l = 2 * i + 1;
        int r = l + 1;
        int m = i;
        if (l < size && less(heap[l], heap[m])) {
          m = l;
        }
        if (r < size && less(heap[r], heap[m])) {
          m = r;
        }
        if (m == i) {
          return;
        }
        int t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
        i = m;
      }
    }
  }
}
