package io.quantflow.operators.bars;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Checks;
import io.quantflow.domain.Timeframe;
import io.quantflow.operators.pipeline.EventTime;
import java.util.Arrays;
import java.util.List;

/**
 * Resamples the bars of one symbol to coarser timeframes, incrementally: plain Java over a {@link State} POJO kept in
 * Flink keyed state. Input rows must come in start order (the {@link BarSequencer} guarantees it); a coarse bar is
 * emitted as soon as it is known complete (a row ending on its end, or a row of a later interval), or when
 * {@link #flush} is told that event time passed its end.
 *
 * <p><b>Values.</b> open of the first row, close of the last, high/low the extremes, volume the sum, trade count the
 * sum (unknown if any row's is), VWAP the volume-weighted mean of the rows' VWAPs (unknown if any traded row's is), and
 * the quote columns the quote-count-weighted means. A coarse bar is labelled by the start of its interval and is
 * available at its end, like every bar. A coarse bar made only of carried rows is carried.
 *
 * <p><b>Revisions.</b> With a revision horizon (STREAMING mode) the resampler keeps the input rows of the last
 * {@code horizon + coarsest duration}; a revised or retracted input row rebuilds the coarse interval that holds it:
 * the open interval silently, an emitted one by emitting its next revision (or its retraction when no row is left).
 * A revision older than what is kept is refused.
 */
public final class Resampler {
  private final Timeframe base;
  private final Timeframe[] targets;
  private final long horizonMicros;
  private final long keepMicros;

  /** The per-symbol state. A Flink POJO. */
  public static final class State {
    /** Open interval start per target, {@code Long.MIN_VALUE} when none. */
    public long[] accStart;
    /** Open interval first open. */
    public double[] accOpen;
    /** Highest high. */
    public double[] accHigh;
    /** Lowest low. */
    public double[] accLow;
    /** Last close. */
    public double[] accClose;
    /** Summed volume. */
    public double[] accVolume;
    /** Summed trades, -1 once unknown. */
    public long[] accTrades;
    /** Sum of vwap * volume, NaN once unknown. */
    public double[] accNotional;
    /** Sum of spread * quotes. */
    public double[] accSpread;
    /** Sum of imbalance * quotes (rows with an imbalance). */
    public double[] accImbalance;
    /** Quotes behind the imbalance sum. */
    public long[] accImbalanceQuotes;
    /** Summed quotes. */
    public long[] accQuotes;
    /** Rows in the open interval. */
    public int[] accRows;
    /** Whether every row so far was carried. */
    public boolean[] accCarried;
    /** Input rows kept for revisions (empty without a horizon). */
    public BarBuffer history = new BarBuffer();
    /** Per target: starts of emitted intervals still revisable, and their last revision and close. */
    public BarBuffer[] emitted;

    /** For Flink's POJO serializer. */
    public State() {}
  }

  /**
   * A resampler of {@code base} bars to {@code targets}.
   *
   * @param horizonMicros how long after a row's end it can still be revised (0: no revisions, BATCH mode)
   */
  public Resampler(Timeframe base, List<Timeframe> targets, long horizonMicros) {
    this.base = Checks.notNull(base, "base");
    this.targets = targets.toArray(new Timeframe[0]);
    long coarsest = 0;
    for (Timeframe tf : this.targets) {
      Checks.isTrue(tf.isMultipleOf(base) && tf != base, "Cannot resample %s bars to %s: not a coarser multiple",
          base, tf);
      coarsest = Math.max(coarsest, tf.durationMicros());
    }
    Checks.isTrue(horizonMicros >= 0, "Argument 'horizonMicros' must not be negative but was %d", horizonMicros);
    this.horizonMicros = horizonMicros;
    this.keepMicros = horizonMicros == 0 ? 0 : horizonMicros + coarsest;
  }

  /** The target timeframes, in order. */
  public List<Timeframe> targets() {
    return List.of(targets);
  }

  /** A fresh state. */
  public State newState() {
    int n = targets.length;
    State s = new State();
    s.accStart = new long[n];
    Arrays.fill(s.accStart, Long.MIN_VALUE);
    s.accOpen = new double[n];
    s.accHigh = new double[n];
    s.accLow = new double[n];
    s.accClose = new double[n];
    s.accVolume = new double[n];
    s.accTrades = new long[n];
    s.accNotional = new double[n];
    s.accSpread = new double[n];
    s.accImbalance = new double[n];
    s.accImbalanceQuotes = new long[n];
    s.accQuotes = new long[n];
    s.accRows = new int[n];
    s.accCarried = new boolean[n];
    s.emitted = new BarBuffer[n];
    for (int k = 0; k < n; k++) {
      s.emitted[k] = new BarBuffer();
    }
    return s;
  }

  /** The builder for target {@code k}, created on first use (most calls emit nothing for most targets). */
  private BarBlock.Builder out(BarBlock.Builder[] out, int k, String symbol) {
    if (out[k] == null) {
      out[k] = BarBlock.builder(symbol, targets[k], 4); // grows; live calls emit one bar
    }
    return out[k];
  }

  /**
   * Takes the rows of a base block. Coarse bars go to {@code out[k]} (one slot per target, in order; a builder is
   * put there when the target emits); the starts of refused revisions (older than the horizon) are returned.
   */
  public long[] onBlock(State s, BarBlock in, BarBlock.Builder[] out) {
    Checks.isTrue(in.timeframe() == base, "Resampler of %s bars got %s bars", base, in.timeframe());
    long[] refused = new long[0];
    if (keepMicros == 0 && inOrder(in)) { // the usual BATCH block: timeframe by timeframe, tight loops
      for (int k = 0; k < targets.length; k++) {
        resampleInOrder(s, k, in, out);
      }
      return refused;
    }
    for (int i = 0; i < in.size(); i++) {
      long start = in.startMicros()[i];
      if (in.revision()[i] > 0 || in.isRetracted(i) || start <= s.history.lastStart() && keepMicros > 0) {
        if (!revise(s, in, i, out)) {
          refused = Arrays.copyOf(refused, refused.length + 1);
          refused[refused.length - 1] = start;
        }
        continue;
      }
      if (keepMicros > 0) {
        s.history.append(in, i);
        s.history.dropBefore(start - keepMicros);
      }
      for (int k = 0; k < targets.length; k++) {
        long cs = targets[k].startOf(start);
        if (s.accStart[k] != cs) {
          if (s.accStart[k] != Long.MIN_VALUE) {
            emit(s, k, out(out, k, in.symbol()), 0);
          }
          reset(s, k, cs);
        }
        add(s, k, in.open()[i], in.high()[i], in.low()[i], in.close()[i], in.volume()[i], in.tradeCount()[i],
            in.vwap()[i], in.spreadBps()[i], in.imbalance()[i], in.quoteCount()[i], in.isCarried(i));
        if (start + base.durationMicros() == cs + targets[k].durationMicros()) {
          emit(s, k, out(out, k, in.symbol()), 0); // the row completes its interval
          s.accStart[k] = Long.MIN_VALUE;
        }
      }
    }
    return refused;
  }

  private static boolean inOrder(BarBlock in) {
    for (int i = 0; i < in.size(); i++) {
      if (in.revision()[i] != 0 || in.isRetracted(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rows of an in-order block into target {@code k}: the same as row by row, one timeframe at a time, with the
   * accumulator in local variables (the state's arrays are read once and written back at each emission).
   */
  private void resampleInOrder(State s, int k, BarBlock in, BarBlock.Builder[] out) {
    Timeframe tf = targets[k];
    long dur = tf.durationMicros();
    long baseDur = base.durationMicros();
    long[] start = in.startMicros();
    double[] o = in.open();
    double[] h = in.high();
    double[] l = in.low();
    double[] c = in.close();
    double[] v = in.volume();
    long[] n = in.tradeCount();
    double[] vw = in.vwap();
    double[] sp = in.spreadBps();
    double[] im = in.imbalance();
    long[] q = in.quoteCount();
    byte[] flags = in.flags();
    boolean open = s.accStart[k] != Long.MIN_VALUE;
    long accStart = s.accStart[k];
    long end = open ? accStart + dur : Long.MIN_VALUE;
    double aOpen = s.accOpen[k];
    double aHigh = s.accHigh[k];
    double aLow = s.accLow[k];
    double aClose = s.accClose[k];
    double aVolume = s.accVolume[k];
    long aTrades = s.accTrades[k];
    double aNotional = s.accNotional[k];
    double aSpread = s.accSpread[k];
    double aImb = s.accImbalance[k];
    long aImbQ = s.accImbalanceQuotes[k];
    long aQuotes = s.accQuotes[k];
    int aRows = s.accRows[k];
    boolean aCarried = s.accCarried[k];
    for (int i = 0; i < in.size(); i++) {
      long st = start[i];
      if (!open || st >= end || st < accStart) { // a row of another interval
        if (open) {
          store(s, k, aOpen, aHigh, aLow, aClose, aVolume, aTrades, aNotional, aSpread, aImb, aImbQ, aQuotes, aRows,
              aCarried);
          emit(s, k, out(out, k, in.symbol()), 0);
        }
        accStart = tf.startOf(st);
        end = accStart + dur;
        open = true;
        aHigh = Double.NEGATIVE_INFINITY;
        aLow = Double.POSITIVE_INFINITY;
        aVolume = 0;
        aTrades = 0;
        aNotional = 0;
        aSpread = 0;
        aImb = 0;
        aImbQ = 0;
        aQuotes = 0;
        aRows = 0;
        aCarried = true;
        s.accStart[k] = accStart;
      }
      if (aRows == 0) {
        aOpen = o[i];
      }
      aClose = c[i];
      aHigh = Math.max(aHigh, h[i]);
      aLow = Math.min(aLow, l[i]);
      aVolume += v[i];
      aTrades = aTrades < 0 || n[i] < 0 ? -1 : aTrades + n[i];
      if (v[i] > 0) {
        aNotional += vw[i] * v[i]; // NaN propagates: one unknown VWAP makes the result unknown
      }
      if (q[i] > 0) {
        aSpread += sp[i] * q[i];
        aQuotes += q[i];
        if (!Double.isNaN(im[i])) {
          aImb += im[i] * q[i];
          aImbQ += q[i];
        }
      }
      aRows++;
      aCarried &= (flags[i] & BarBlock.CARRIED) != 0;
      if (st + baseDur == end) { // the row completes its interval
        store(s, k, aOpen, aHigh, aLow, aClose, aVolume, aTrades, aNotional, aSpread, aImb, aImbQ, aQuotes, aRows,
            aCarried);
        emit(s, k, out(out, k, in.symbol()), 0);
        s.accStart[k] = Long.MIN_VALUE;
        open = false;
      }
    }
    if (open) {
      store(s, k, aOpen, aHigh, aLow, aClose, aVolume, aTrades, aNotional, aSpread, aImb, aImbQ, aQuotes, aRows,
          aCarried);
    }
  }

  private static void store(State s, int k, double open, double high, double low, double close, double volume,
      long trades, double notional, double spread, double imb, long imbQuotes, long quotes, int rows,
      boolean carried) {
    s.accOpen[k] = open;
    s.accHigh[k] = high;
    s.accLow[k] = low;
    s.accClose[k] = close;
    s.accVolume[k] = volume;
    s.accTrades[k] = trades;
    s.accNotional[k] = notional;
    s.accSpread[k] = spread;
    s.accImbalance[k] = imb;
    s.accImbalanceQuotes[k] = imbQuotes;
    s.accQuotes[k] = quotes;
    s.accRows[k] = rows;
    s.accCarried[k] = carried;
  }

  /** Emits every open interval whose Flink timestamp is at or before {@code progressMillis} (the watermark). */
  public void flush(State s, String symbol, long progressMillis, BarBlock.Builder[] out) {
    for (int k = 0; k < targets.length; k++) {
      if (s.accStart[k] != Long.MIN_VALUE
          && EventTime.millisOf(s.accStart[k] + targets[k].durationMicros()) <= progressMillis) {
        emit(s, k, out(out, k, symbol), 0);
        s.accStart[k] = Long.MIN_VALUE;
      }
    }
  }

  private boolean revise(State s, BarBlock in, int i, BarBlock.Builder[] out) {
    long start = in.startMicros()[i];
    if (keepMicros == 0 || s.history.isEmpty() || start < s.history.start[0]) {
      return false;
    }
    int at = s.history.indexOf(start);
    if (in.isRetracted(i)) {
      if (at >= 0) {
        s.history.remove(at);
      }
    } else {
      s.history.put(in, i);
    }
    for (int k = 0; k < targets.length; k++) {
      long cs = targets[k].startOf(start);
      if (s.accStart[k] == cs) {
        reset(s, k, cs);
        rebuild(s, k, cs);
        if (s.accRows[k] == 0) {
          s.accStart[k] = Long.MIN_VALUE;
        }
        continue;
      }
      BarBuffer done = s.emitted[k];
      int e = done.indexOf(cs);
      if (e < 0) {
        if (s.accStart[k] == Long.MIN_VALUE || cs > s.accStart[k]) { // a new interval opened by a revision
          reset(s, k, cs);
          rebuild(s, k, cs);
          if (cs + targets[k].durationMicros() == start + base.durationMicros()) {
            emit(s, k, out(out, k, in.symbol()), 0);
            s.accStart[k] = Long.MIN_VALUE;
          }
        }
        continue;
      }
      long keepStart = s.accStart[k];
      reset(s, k, cs);
      rebuild(s, k, cs);
      int rev = done.revision[e] + 1;
      if (s.accRows[k] == 0) {
        double p = done.close[e];
        out(out, k, in.symbol()).add(cs, p, p, p, p, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, rev,
            BarBlock.RETRACTED);
        done.revision[e] = rev;
      } else {
        emit(s, k, out(out, k, in.symbol()), rev);
      }
      // restore the open interval this revision interrupted
      reset(s, k, keepStart);
      if (keepStart != Long.MIN_VALUE) {
        rebuild(s, k, keepStart);
      }
    }
    return true;
  }

  private void rebuild(State s, int k, long cs) {
    BarBuffer h = s.history;
    long end = cs + targets[k].durationMicros();
    int from = h.indexOf(cs);
    from = from >= 0 ? from : -from - 1;
    for (int j = from; j < h.size && h.start[j] < end; j++) {
      add(s, k, h.open[j], h.high[j], h.low[j], h.close[j], h.volume[j], h.tradeCount[j], h.vwap[j],
          h.spreadBps[j], h.imbalance[j], h.quoteCount[j], (h.flags[j] & BarBlock.CARRIED) != 0);
    }
  }

  private static void reset(State s, int k, long start) {
    s.accStart[k] = start;
    s.accHigh[k] = Double.NEGATIVE_INFINITY;
    s.accLow[k] = Double.POSITIVE_INFINITY;
    s.accVolume[k] = 0;
    s.accTrades[k] = 0;
    s.accNotional[k] = 0;
    s.accSpread[k] = 0;
    s.accImbalance[k] = 0;
    s.accImbalanceQuotes[k] = 0;
    s.accQuotes[k] = 0;
    s.accRows[k] = 0;
    s.accCarried[k] = true;
  }

  private static void add(State s, int k, double o, double h, double l, double c, double v, long n, double vw,
      double spread, double imb, long quotes, boolean carried) {
    if (s.accRows[k] == 0) {
      s.accOpen[k] = o;
    }
    s.accClose[k] = c;
    s.accHigh[k] = Math.max(s.accHigh[k], h);
    s.accLow[k] = Math.min(s.accLow[k], l);
    s.accVolume[k] += v;
    s.accTrades[k] = s.accTrades[k] < 0 || n < 0 ? -1 : s.accTrades[k] + n;
    if (v > 0) {
      s.accNotional[k] += vw * v; // NaN propagates: one unknown VWAP makes the result unknown
    }
    if (quotes > 0) {
      s.accSpread[k] += spread * quotes;
      s.accQuotes[k] += quotes;
      if (!Double.isNaN(imb)) {
        s.accImbalance[k] += imb * quotes;
        s.accImbalanceQuotes[k] += quotes;
      }
    }
    s.accRows[k]++;
    s.accCarried[k] &= carried;
  }

  private void emit(State s, int k, BarBlock.Builder out, int revision) {
    double vwap = s.accVolume[k] > 0 ? s.accNotional[k] / s.accVolume[k] : Double.NaN;
    if (!Double.isNaN(vwap)) {
      vwap = Math.min(s.accHigh[k], Math.max(s.accLow[k], vwap)); // rounding can push a VWAP a hair outside
    }
    long quotes = s.accQuotes[k];
    double spread = quotes > 0 ? s.accSpread[k] / quotes : Double.NaN;
    double imbalance = s.accImbalanceQuotes[k] > 0 ? s.accImbalance[k] / s.accImbalanceQuotes[k] : Double.NaN;
    long start = s.accStart[k];
    out.add(start, s.accOpen[k], s.accHigh[k], s.accLow[k], s.accClose[k], s.accVolume[k], s.accTrades[k], vwap,
        spread, imbalance, quotes, revision, s.accCarried[k] ? BarBlock.CARRIED : 0);
    if (keepMicros > 0) {
      BarBuffer done = s.emitted[k];
      int e = done.indexOf(start);
      if (e >= 0) {
        done.remove(e);
      }
      done.insert(e >= 0 ? e : -e - 1, start, s.accOpen[k], s.accHigh[k], s.accLow[k], s.accClose[k],
          s.accVolume[k], s.accTrades[k], vwap, spread, imbalance, quotes, revision, (byte) 0);
      done.dropBefore(s.history.isEmpty() ? start : s.history.start[0] - targets[k].durationMicros());
    }
  }
}
