package io.quantflow.operators.portfolio;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Direction;
import io.quantflow.domain.Signal;
import io.quantflow.domain.SymbolSlice;
import io.quantflow.domain.Timeframe;
import java.util.Arrays;

/**
 * The bars and signals the portfolio has received but not yet simulated, one columnar queue per symbol (a POJO for
 * Flink's serializer), and the event-time merge that feeds them to the {@link PortfolioSimulator}: instant by
 * instant, at each instant the bars in symbol order, then the signals in symbol order. Each symbol's bars and
 * signals must arrive in time order (the pipeline's keyed stages emit them so, in both modes); symbols may
 * interleave in any way. That is what makes BATCH mode, which delivers symbols one after another, and STREAMING
 * mode, which interleaves them, simulate the same history.
 *
 * <p>Draining can stop after a number of instants and resume where it stopped ({@link #drain(long, int,
 * PortfolioSimulator, PortfolioSimulator.Output)}): the portfolio operator of a BATCH job simulates a completed
 * period a slice of time at a time between its inputs, so the pipeline upstream never waits for a whole period.
 */
public final class PortfolioBuffer {
  /** Symbols seen, in arrival order (the index of {@link #queues} and {@link #complete}). */
  public String[] symbols = new String[0];
  /** Each symbol's bars and signals not yet simulated. */
  public SymbolQueue[] queues = new SymbolQueue[0];
  /** Per symbol, the instant through which every bar and signal has arrived ({@link #complete}), UTC epoch micros. */
  public long[] complete = new long[0];
  /** The instant everything up to which has been simulated, UTC epoch micros. */
  public long drained = Long.MIN_VALUE;
  /** The latest {@link #completeThrough} of the universe, UTC epoch micros. */
  public long completeThrough = Long.MIN_VALUE;
  /** Bars waiting, over all symbols. */
  public long bars;
  /** Signals waiting, over all symbols. */
  public long signals;

  // derived, rebuilt after a restore (Flink's POJO serializer skips transient fields)
  private transient java.util.HashMap<String, Integer> index;
  private transient SymbolQueue[] ordered;
  private transient String[] names;
  private transient int[] simIndex;
  private transient PortfolioSimulator indexedSim;
  private transient int indexedSymbols;

  /** For Flink's POJO serializer. */
  public PortfolioBuffer() {}

  /** One symbol's waiting bars (rows {@code head} to {@code size}) and signals, columnar. A POJO. */
  public static final class SymbolQueue {
    /** First waiting bar. */
    public int head;
    /** End of the waiting bars. */
    public int size;
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
    /** First waiting signal. */
    public int signalHead;
    /** End of the waiting signals. */
    public int signalSize;
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
    /** Latest bar end received (to check the order). */
    public long lastEnd = Long.MIN_VALUE;
    /** Latest signal time received. */
    public long lastSignal = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public SymbolQueue() {}

    /** Room for {@code n} more bars: drops the simulated ones first, then grows. */
    void reserveBars(int n) {
      if (size + n <= start.length) {
        return;
      }
      int live = size - head;
      if (head > 0) {
        System.arraycopy(start, head, start, 0, live);
        System.arraycopy(end, head, end, 0, live);
        System.arraycopy(open, head, open, 0, live);
        System.arraycopy(high, head, high, 0, live);
        System.arraycopy(low, head, low, 0, live);
        System.arraycopy(close, head, close, 0, live);
        System.arraycopy(volume, head, volume, 0, live);
        System.arraycopy(spread, head, spread, 0, live);
        head = 0;
        size = live;
      }
      if (size + n > start.length) {
        int cap = Math.max(size + n, Math.max(256, start.length * 3 / 2));
        start = Arrays.copyOf(start, cap);
        end = Arrays.copyOf(end, cap);
        open = Arrays.copyOf(open, cap);
        high = Arrays.copyOf(high, cap);
        low = Arrays.copyOf(low, cap);
        close = Arrays.copyOf(close, cap);
        volume = Arrays.copyOf(volume, cap);
        spread = Arrays.copyOf(spread, cap);
      }
    }

    void reserveSignal() {
      if (signalSize < signalTime.length) {
        return;
      }
      int live = signalSize - signalHead;
      if (signalHead > 0) {
        System.arraycopy(signalTime, signalHead, signalTime, 0, live);
        System.arraycopy(signalDirection, signalHead, signalDirection, 0, live);
        System.arraycopy(signalStrength, signalHead, signalStrength, 0, live);
        System.arraycopy(signalHorizon, signalHead, signalHorizon, 0, live);
        System.arraycopy(signalReason, signalHead, signalReason, 0, live);
        Arrays.fill(signalReason, live, signalSize, null);
        signalHead = 0;
        signalSize = live;
      }
      if (signalSize == signalTime.length) {
        int cap = Math.max(16, signalTime.length * 2);
        signalTime = Arrays.copyOf(signalTime, cap);
        signalDirection = Arrays.copyOf(signalDirection, cap);
        signalStrength = Arrays.copyOf(signalStrength, cap);
        signalHorizon = Arrays.copyOf(signalHorizon, cap);
        signalReason = Arrays.copyOf(signalReason, cap);
      }
    }

    /** The next waiting instant at or before {@code until} (a bar's end or a signal's time), or MAX. */
    long next(long until) {
      long t = Long.MAX_VALUE;
      if (head < size && end[head] <= until) {
        t = end[head];
      }
      if (signalHead < signalSize && signalTime[signalHead] <= until && signalTime[signalHead] < t) {
        t = signalTime[signalHead];
      }
      return t;
    }
  }

  /**
   * Adds the first versions of a block's bars (revisions and retractions are skipped: a fill cannot be undone).
   *
   * @throws IllegalStateException if the block goes back in time for its symbol
   */
  public void addBars(BarBlock block) {
    int sym = symbolIndex(block.symbol());
    SymbolQueue q = queues[sym];
    int n = block.size();
    q.reserveBars(n);
    long dur = block.timeframe().durationMicros();
    for (int i = 0; i < n; i++) {
      if (block.revision()[i] > 0 || block.isRetracted(i)) {
        continue;
      }
      long e = block.startMicros()[i] + dur;
      checkOrder(q, block.symbol(), e);
      int k = q.size++;
      q.start[k] = block.startMicros()[i];
      q.end[k] = e;
      q.open[k] = block.open()[i];
      q.high[k] = block.high()[i];
      q.low[k] = block.low()[i];
      q.close[k] = block.close()[i];
      q.volume[k] = block.volume()[i];
      q.spread[k] = block.spreadBps()[i];
      bars++;
    }
  }

  private static void checkOrder(SymbolQueue q, String symbol, long end) {
    if (end <= q.lastEnd) {
      throw new IllegalStateException("Bars of " + symbol + " reached the portfolio out of order (" + end
          + " after " + q.lastEnd + "); the pipeline's keyed stages must emit each symbol in time order");
    }
    q.lastEnd = end;
  }

  /**
   * Adds a slice's bars and signals (first versions of {@code base} bars, as the pipeline sends them) and records how
   * far its symbol is complete.
   *
   * @throws IllegalStateException if the slice goes back in time for its symbol
   */
  public void addSlice(SymbolSlice slice, Timeframe base) {
    int sym = symbolIndex(slice.symbol());
    SymbolQueue q = queues[sym];
    int n = slice.bars();
    q.reserveBars(n);
    long dur = base.durationMicros();
    long[] st = slice.barStartMicros();
    int at = q.size;
    for (int i = 0; i < n; i++) {
      long e = st[i] + dur;
      checkOrder(q, slice.symbol(), e);
      q.end[at + i] = e;
    }
    System.arraycopy(st, 0, q.start, at, n);
    System.arraycopy(slice.open(), 0, q.open, at, n);
    System.arraycopy(slice.high(), 0, q.high, at, n);
    System.arraycopy(slice.low(), 0, q.low, at, n);
    System.arraycopy(slice.close(), 0, q.close, at, n);
    System.arraycopy(slice.volume(), 0, q.volume, at, n);
    System.arraycopy(slice.spreadBps(), 0, q.spread, at, n);
    q.size += n;
    bars += n;
    for (int i = 0; i < slice.signals(); i++) {
      addSignal(q, slice.symbol(), slice.signalMicros()[i], slice.signalDirection()[i], slice.signalStrength()[i],
          slice.signalHorizonMicros()[i], "");
    }
    if (slice.completeThroughMicros() != Long.MIN_VALUE) {
      complete[sym] = Math.max(complete[sym], slice.completeThroughMicros());
    }
  }

  /** Adds a signal (first versions only are expected). */
  public void addSignal(Signal s) {
    int sym = symbolIndex(s.symbol());
    addSignal(queues[sym], s.symbol(), s.timestampMicros(), s.direction().sign(), s.strength(),
        s.horizonMicros(), s.reason());
  }

  private void addSignal(SymbolQueue q, String symbol, long time, int direction, double strength, long horizon,
      String reason) {
    if (time < q.lastSignal) {
      throw new IllegalStateException("Signals of " + symbol + " reached the portfolio out of order");
    }
    q.lastSignal = time;
    q.reserveSignal();
    int k = q.signalSize++;
    q.signalTime[k] = time;
    q.signalDirection[k] = direction;
    q.signalStrength[k] = strength;
    q.signalHorizon[k] = horizon;
    q.signalReason[k] = reason;
    signals++;
  }

  /**
   * Records that every bar and signal of {@code symbol} up to and including {@code throughMicros} has arrived (a
   * BATCH source's progress, carried by {@link SymbolSlice}).
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
    for (SymbolQueue q : queues) {
      m = Math.min(m, q.next(Long.MAX_VALUE));
    }
    return m;
  }

  /**
   * Simulates every instant up to and including {@code untilMicros} and removes what it used.
   *
   * @return the number of instants simulated
   */
  public int drain(long untilMicros, PortfolioSimulator sim, PortfolioSimulator.Output out) {
    return drain(untilMicros, Integer.MAX_VALUE, sim, out);
  }

  /**
   * Simulates the instants up to and including {@code untilMicros}, at most {@code maxInstants} of them, and removes
   * what it used; {@link #drained} says how far it got (all of it, or the last instant simulated).
   *
   * @return the number of instants simulated
   */
  public int drain(long untilMicros, int maxInstants, PortfolioSimulator sim, PortfolioSimulator.Output out) {
    int nsym = symbols.length;
    if (ordered == null || ordered.length != nsym) { // by name, so that equal instants go in symbol order
      Integer[] byName = new Integer[nsym];
      for (int i = 0; i < nsym; i++) {
        byName[i] = i;
      }
      Arrays.sort(byName, (a, b) -> symbols[a].compareTo(symbols[b]));
      ordered = new SymbolQueue[nsym];
      names = new String[nsym];
      for (int r = 0; r < nsym; r++) {
        ordered[r] = queues[byName[r]];
        names[r] = symbols[byName[r]];
      }
      simIndex = null;
    }
    // the simulator's indices hold until it first sees another symbol
    if (simIndex == null || sim != indexedSim || sim.state().symbols.length != indexedSymbols) {
      simIndex = sim.symbolIndices(names);
      indexedSim = sim;
      indexedSymbols = sim.state().symbols.length;
    }
    SymbolQueue[] ordered = this.ordered;
    String[] names = this.names;
    int[] simIndex = this.simIndex;
    // most symbols have a bar at most instants, so one pass over the symbols per instant beats a heap (which pays
    // log(symbols) cache-missing steps per bar); the same pass finds the next instant
    long t = Long.MAX_VALUE;
    for (SymbolQueue q : ordered) {
      t = Math.min(t, q.next(untilMicros));
    }
    int instants = 0;
    while (t != Long.MAX_VALUE && instants < maxInstants) {
      sim.beginInstant(t, out);
      boolean hadBars = false;
      for (int r = 0; r < nsym; r++) {
        SymbolQueue q = ordered[r];
        int h = q.head;
        if (h < q.size && q.end[h] == t) {
          sim.onBar(simIndex[r], q.start[h], q.open[h], q.high[h], q.low[h], q.close[h], q.volume[h], q.spread[h],
              out);
          q.head = h + 1;
          bars--;
          hadBars = true;
        }
      }
      long next = Long.MAX_VALUE;
      for (int r = 0; r < nsym; r++) {
        SymbolQueue q = ordered[r];
        while (q.signalHead < q.signalSize && q.signalTime[q.signalHead] == t) {
          int k = q.signalHead++;
          sim.onSignal(new Signal(names[r], q.signalTime[k], Direction.ofSign(q.signalDirection[k]),
              q.signalStrength[k], q.signalHorizon[k], q.signalReason[k], 0, false), out);
          q.signalReason[k] = null;
          signals--;
        }
        next = Math.min(next, q.next(untilMicros));
      }
      sim.endInstant(t, hadBars, out);
      instants++;
      drained = Math.max(drained, t);
      t = next;
    }
    if (t == Long.MAX_VALUE) {
      drained = Math.max(drained, untilMicros);
    }
    return instants;
  }

  private int symbolIndex(String symbol) {
    if (index == null || index.size() != symbols.length) {
      index = new java.util.HashMap<>();
      for (int i = 0; i < symbols.length; i++) {
        index.put(symbols[i], i);
      }
    }
    Integer known = index.get(symbol);
    if (known != null) {
      return known;
    }
    int n = symbols.length;
    index.put(symbol, n);
    ordered = null;
    symbols = Arrays.copyOf(symbols, n + 1);
    symbols[n] = symbol;
    queues = Arrays.copyOf(queues, n + 1);
    queues[n] = new SymbolQueue();
    complete = Arrays.copyOf(complete, n + 1);
    complete[n] = Long.MIN_VALUE;
    return n;
  }
}
