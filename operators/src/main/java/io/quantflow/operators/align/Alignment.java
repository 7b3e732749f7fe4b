package io.quantflow.operators.align;

import io.quantflow.domain.Checks;
import io.quantflow.domain.FeatureBlock;
import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.WideBlock;
import io.quantflow.operators.pipeline.EventTime;
import io.quantflow.operators.util.Rows;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-timeframe alignment without leakage, for one symbol: plain Java over a {@link State} POJO kept in Flink
 * keyed state. Each base-timeframe row yields one wide row holding, for every configured timeframe, the latest row
 * of that timeframe that was <em>available</em> (closed) by the base row's close: a coarser bar joins from the moment
 * it closed, never while forming; a 5m bar and the 1m bar that completes it close together, and the 1m wide row sees
 * that 5m bar.
 *
 * <p><b>Order.</b> Rows of each timeframe arrive in start order, but timeframes interleave arbitrarily (they come
 * from different upstream tasks, or from blocks covering different spans in BATCH mode). A base row is emitted once
 * every coarser bar that can be available by its close has arrived: for each coarser timeframe the alignment
 * records the end of the interval holding each base row, and a base row closing at {@code T} waits while such an end
 * {@code <= T} has not arrived. {@link #flush} emits what the watermark proves complete, for bars that never come.
 * The result is the same for any interleaving, any block sizes and either execution mode.
 *
 * <p><b>Revisions.</b> With a horizon (STREAMING mode) rows and emitted wide rows of the last {@code horizon} are
 * kept: a revised base row re-emits its wide row, a revised coarse row re-emits every kept wide row that used it
 * (only those whose values changed), a retracted base row retracts its wide row.
 *
 * <p>The schema is {@code close_<tf>} followed by {@code <feature>_<tf>} for each feature, timeframe by timeframe in
 * the configured order. This class is immutable and thread-safe; the state is not.
 */
public final class Alignment implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Timeframe base;
  private final List<Timeframe> timeframes;
  private final FeatureSchema features;
  private final FeatureSchema schema;
  private final long horizonMicros;
  private final Timeframe[] tfs;

  /** Rows of one timeframe, sorted by start: a Flink POJO. */
  public static final class Rows1 {
    /** Rows in use. */
    public int n;
    /** Bar starts. */
    public long[] start = new long[0];
    /** Bar closes. */
    public double[] close = new double[0];
    /** Feature values, row-major. */
    public double[] values = new double[0];

    /** For Flink's POJO serializer. */
    public Rows1() {}
  }

  /** The per-symbol state: a Flink POJO. */
  public static final class State {
    /** Per configured timeframe (base first as configured), its rows. */
    public Rows1[] rows;
    /** Per configured timeframe, interval ends a base row needs that have not arrived (sorted). */
    public long[][] pendingEnds;
    /** Per configured timeframe, how many pending ends are in use. */
    public int[] pendingCount;
    /** Per configured timeframe, the latest availability received. */
    public long[] receivedThrough;
    /** Base rows emitted so far among {@code rows[base]} (the first {@code emitted} of them). */
    public int emitted;
    /** Per kept base row: the wide values last emitted, row-major. */
    public double[] wide = new double[0];
    /** Per kept base row: the revision last emitted. */
    public int[] wideRevision = new int[0];
    /** Per configured timeframe, the row the last wide row used (a search hint). */
    public int[] hint;
    /** Start of the latest base row emitted without being kept ({@code Long.MIN_VALUE} if none). */
    public long lastDirect = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public State() {}
  }

  /** An alignment of {@code timeframes} (which must include {@code base}) over rows of {@code features}, no revisions. */
  public Alignment(Timeframe base, List<Timeframe> timeframes, FeatureSchema features) {
    this(base, timeframes, features, 0);
  }

  /**
   * An alignment of {@code timeframes} (which must include {@code base}) over rows of {@code features}.
   *
   * @param horizonMicros how long wide rows stay revisable, microseconds (0: no revisions, BATCH mode)
   */
  public Alignment(Timeframe base, List<Timeframe> timeframes, FeatureSchema features, long horizonMicros) {
    this.base = Checks.notNull(base, "base");
    this.timeframes = List.copyOf(Checks.notNull(timeframes, "timeframes"));
    this.features = Checks.notNull(features, "features");
    Checks.isTrue(this.timeframes.contains(base), "Aligned timeframes %s must include the base timeframe %s",
        timeframes, base);
    for (Timeframe tf : this.timeframes) {
      Checks.isTrue(tf.isMultipleOf(base), "Cannot align %s to the base timeframe %s: not a multiple", tf, base);
    }
    Checks.isTrue(horizonMicros >= 0, "Argument 'horizonMicros' must not be negative but was %d", horizonMicros);
    this.horizonMicros = horizonMicros;
    this.tfs = this.timeframes.toArray(new Timeframe[0]);
    List<String> names = new ArrayList<>();
    for (Timeframe tf : this.timeframes) {
      names.add("close_" + tf.label());
      for (String f : features.names()) {
        names.add(f + "_" + tf.label());
      }
    }
    this.schema = FeatureSchema.of(names);
  }

  /** This alignment with a revision horizon. */
  public Alignment withHorizon(long micros) {
    return new Alignment(base, timeframes, features, micros);
  }

  /** The names of the wide values, in order. */
  public FeatureSchema schema() {
    return schema;
  }

  /** The base timeframe. */
  public Timeframe base() {
    return base;
  }

  /** The aligned timeframes. */
  public List<Timeframe> timeframes() {
    return timeframes;
  }

  /** A fresh state: nothing known yet. */
  public State newState() {
    int n = timeframes.size();
    State s = new State();
    s.rows = new Rows1[n];
    s.pendingEnds = new long[n][];
    s.pendingCount = new int[n];
    s.receivedThrough = new long[n];
    s.hint = new int[n];
    for (int t = 0; t < n; t++) {
      s.rows[t] = new Rows1();
      s.pendingEnds[t] = new long[4];
      s.receivedThrough[t] = Long.MIN_VALUE;
    }
    return s;
  }

  /** What one call emitted: wide rows (first versions, revisions, retractions) in emission order. */
  public static final class Output {
    private final String symbol;
    private final Timeframe timeframe;
    private final int width;
    private int n;
    private long[] start;
    private double[] values;
    private int[] revision;
    private boolean[] retracted;
    private long[] refused = new long[0];

    Output(String symbol, Timeframe timeframe, int width) {
      this.symbol = symbol;
      this.timeframe = timeframe;
      this.width = width;
      this.start = new long[0];
      this.values = new double[0];
      this.revision = new int[0];
      this.retracted = new boolean[0];
    }

    void add(long s, double[] src, int srcOffset, int rev, boolean retract) {
      int at = reserve(s, rev, retract); // first: it may grow the arrays
      System.arraycopy(src, srcOffset, values, at, width);
    }

    /** Appends a row whose values the caller writes at the returned offset of {@link #values}. */
    int reserve(long s, int rev, boolean retract) {
      ensure(n + 1);
      start[n] = s;
      revision[n] = rev;
      retracted[n] = retract;
      return n++ * width;
    }

    void ensure(int rows) {
      if (rows > start.length) {
        int c = n == 0 ? rows : Math.max(rows, start.length * 2); // the first call sizes it exactly
        start = Arrays.copyOf(start, c);
        values = Arrays.copyOf(values, c * width);
        revision = Arrays.copyOf(revision, c);
        retracted = Arrays.copyOf(retracted, c);
      }
    }

    void refuse(long s) {
      refused = Arrays.copyOf(refused, refused.length + 1);
      refused[refused.length - 1] = s;
    }

    /** Rows emitted. */
    public int size() {
      return n;
    }

    /** Starts of input rows refused (revisions older than the horizon). */
    public long[] refused() {
      return refused;
    }

    /** The emitted rows as a block; null when none. */
    public WideBlock block() {
      if (n == 0) {
        return null;
      }
      if (n == start.length) {
        return new WideBlock(symbol, timeframe, start, width, values, revision, retracted);
      }
      return new WideBlock(symbol, timeframe, Arrays.copyOf(start, n), width, Arrays.copyOf(values, n * width),
          Arrays.copyOf(revision, n), Arrays.copyOf(retracted, n));
    }
  }

  /**
   * Takes a block of feature rows (of any configured timeframe; others are ignored) and returns the wide rows that
   * became complete.
   *
   * @throws IllegalArgumentException if the block's width does not match the schema
   */
  public Output onBlock(State s, FeatureBlock in) {
    Output out = new Output(in.symbol(), base, schema.size());
    int t = timeframes.indexOf(in.timeframe());
    if (t < 0) {
      return out;
    }
    Checks.isTrue(in.width() == features.size(), "Rows of %s have %d features, the schema %d", in.timeframe(),
        in.width(), features.size());
    int f = features.size();
    boolean isBase = in.timeframe() == base;
    Rows1 rows = s.rows[t];
    if (isBase) { // most base rows come out at once: room for all, so the block is built without copying
      out.ensure(in.size() + rows.n - s.emitted);
    }
    for (int i = 0; i < in.size(); i++) {
      long start = in.startMicros()[i];
      boolean revision = in.revision()[i] > 0 || in.retracted()[i] || rows.n > 0 && start <= rows.start[rows.n - 1]
          || isBase && start <= s.lastDirect;
      if (revision) {
        if (horizonMicros == 0 || !revise(s, t, in, i, out)) {
          out.refuse(start);
        }
        continue;
      }
      long avail = start + in.timeframe().durationMicros();
      if (isBase) {
        for (int c = 0; c < tfs.length; c++) {
          Timeframe ctf = tfs[c];
          if (ctf == base) {
            continue;
          }
          long known = s.pendingCount[c] == 0 ? s.receivedThrough[c]
              : Math.max(s.receivedThrough[c], s.pendingEnds[c][s.pendingCount[c] - 1]);
          if (start < known) {
            continue; // inside an interval whose end is already known (ends lie on the timeframe's grid)
          }
          long end = ctf.startOf(start) + ctf.durationMicros();
          if (end > known) {
            if (s.pendingCount[c] == s.pendingEnds[c].length) {
              s.pendingEnds[c] = Arrays.copyOf(s.pendingEnds[c], s.pendingCount[c] * 2);
            }
            s.pendingEnds[c][s.pendingCount[c]++] = end;
          }
        }
        if (horizonMicros == 0 && s.emitted == rows.n && ready(s, avail)) {
          // nothing waits and every coarser bar it needs is here: straight from the input, nothing kept
          int at = out.reserve(start, 0, false); // first: it may grow the output's arrays
          computeFrom(s, start, in.close()[i], in.values(), i * f, out.values, at);
          s.lastDirect = start;
          continue;
        }
        append(rows, start, in.close()[i], in.values(), i * f, f);
      } else {
        append(rows, start, in.close()[i], in.values(), i * f, f);
        s.receivedThrough[t] = Math.max(s.receivedThrough[t], avail);
        int drop = 0;
        while (drop < s.pendingCount[t] && s.pendingEnds[t][drop] <= avail) {
          drop++;
        }
        System.arraycopy(s.pendingEnds[t], drop, s.pendingEnds[t], 0, s.pendingCount[t] - drop);
        s.pendingCount[t] -= drop;
      }
    }
    emitReady(s, out, Long.MIN_VALUE);
    if (isBase && s.lastDirect != Long.MIN_VALUE) {
      pruneCoarse(s, s.lastDirect + base.durationMicros());
    }
    return out;
  }

  /**
   * Whether a base row closing at {@code avail} can be emitted now: no coarser bar that closes by then is still
   * missing (its interval end is registered as pending until the bar arrives).
   */
  private boolean ready(State s, long avail) {
    for (int c = 0; c < tfs.length; c++) {
      if (s.pendingCount[c] > 0 && s.pendingEnds[c][0] <= avail) {
        return false;
      }
    }
    return true;
  }

  /** {@link #compute} for a base row given directly (not kept). */
  private void computeFrom(State s, long start, double close, double[] src, int off, double[] dst, int offset) {
    int f = features.size();
    int width = f + 1;
    long avail = start + base.durationMicros();
    for (int t = 0; t < tfs.length; t++) {
      Timeframe tf = tfs[t];
      int o = offset + t * width;
      if (tf == base) {
        dst[o] = close;
        for (int k = 0; k < f; k++) { // a plain loop: arraycopy's set-up costs more than a few doubles
          dst[o + 1 + k] = src[off + k];
        }
        continue;
      }
      Rows1 r = s.rows[t];
      int j = latest(s, t, r, tf, avail);
      if (j < 0) {
        for (int k = 0; k < width; k++) {
          dst[o + k] = Double.NaN;
        }
      } else {
        dst[o] = r.close[j];
        double[] v = r.values;
        int from = j * f;
        for (int k = 0; k < f; k++) {
          dst[o + 1 + k] = v[from + k];
        }
      }
    }
  }

  /** Emits every waiting base row whose Flink timestamp is at or before {@code progressMillis} (the watermark). */
  public Output flush(State s, String symbol, long progressMillis) {
    Output out = new Output(symbol, base, schema.size());
    emitReady(s, out, progressMillis);
    return out;
  }

  private int baseIndex() {
    return timeframes.indexOf(base);
  }

  private void emitReady(State s, Output out, long forceThroughMillis) {
    int b = baseIndex();
    Rows1 baseRows = s.rows[b];
    int width = schema.size();
    out.ensure(out.n + readyCount(s, baseRows, forceThroughMillis));
    while (s.emitted < baseRows.n) {
      int i = s.emitted;
      long avail = baseRows.start[i] + base.durationMicros();
      boolean forced = EventTime.millisOf(avail) <= forceThroughMillis;
      if (!forced) {
        for (int c = 0; c < timeframes.size(); c++) {
          if (s.pendingCount[c] > 0 && s.pendingEnds[c][0] <= avail) {
            return;
          }
        }
      }
      if (horizonMicros == 0) { // nothing to revise: straight into the output
        int at = out.reserve(baseRows.start[i], 0, false); // first: it may grow the output's arrays
        compute(s, i, out.values, at);
      } else {
        s.wide = Rows.ensure(s.wide, i + 1, width);
        s.wideRevision = Rows.ensure(s.wideRevision, i + 1);
        compute(s, i, s.wide, i * width);
        s.wideRevision[i] = 0;
        out.add(baseRows.start[i], s.wide, i * width, 0, false);
      }
      s.emitted++;
    }
    prune(s);
  }

  /** How many waiting base rows {@link #emitReady} will emit now. */
  private int readyCount(State s, Rows1 baseRows, long forceThroughMillis) {
    int n = 0;
    for (int i = s.emitted; i < baseRows.n; i++) {
      long avail = baseRows.start[i] + base.durationMicros();
      if (EventTime.millisOf(avail) > forceThroughMillis) {
        for (int c = 0; c < timeframes.size(); c++) {
          if (s.pendingCount[c] > 0 && s.pendingEnds[c][0] <= avail) {
            return n;
          }
        }
      }
      n++;
    }
    return n;
  }

  /** Writes the wide row of kept base row {@code i} into {@code dst[offset..]}. */
  private void compute(State s, int i, double[] dst, int offset) {
    int f = features.size();
    int width = f + 1;
    Rows1 baseRows = s.rows[baseIndex()];
    long avail = baseRows.start[i] + base.durationMicros();
    for (int t = 0; t < timeframes.size(); t++) {
      Timeframe tf = timeframes.get(t);
      Rows1 r = s.rows[t];
      int j = tf == base ? i : latest(s, t, r, tf, avail);
      if (j < 0) {
        Arrays.fill(dst, offset + t * width, offset + (t + 1) * width, Double.NaN);
      } else {
        dst[offset + t * width] = r.close[j];
        System.arraycopy(r.values, j * f, dst, offset + t * width + 1, f);
      }
    }
  }

  /** {@link #latestAvailable}, starting from the previous answer: wide rows are mostly computed in time order. */
  private static int latest(State s, int t, Rows1 r, Timeframe tf, long availMicros) {
    long startLimit = availMicros - tf.durationMicros();
    int h = s.hint == null ? -1 : s.hint[t];
    if (h >= 0 && h < r.n && r.start[h] <= startLimit) {
      while (h + 1 < r.n && r.start[h + 1] <= startLimit) {
        h++;
      }
    } else {
      h = latestAvailable(r, tf, availMicros);
    }
    if (s.hint != null) {
      s.hint[t] = Math.max(h, 0);
    }
    return h;
  }

  /** Index of the latest row of {@code r} available at or before {@code availMicros}, or -1. */
  private static int latestAvailable(Rows1 r, Timeframe tf, long availMicros) {
    long startLimit = availMicros - tf.durationMicros(); // available by then: start <= avail - duration
    int lo = 0;
    int hi = r.n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (r.start[mid] <= startLimit) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  private boolean revise(State s, int t, FeatureBlock in, int i, Output out) {
    Rows1 rows = s.rows[t];
    long start = in.startMicros()[i];
    int f = features.size();
    if (rows.n == 0 || start < rows.start[0]) {
      return false;
    }
    int at = Arrays.binarySearch(rows.start, 0, rows.n, start);
    Timeframe tf = timeframes.get(t);
    int width = schema.size();
    if (tf == base) {
      if (at < 0) {
        if (in.retracted()[i]) {
          return true;
        }
        int ins = -at - 1;
        insert(rows, ins, start, in.close()[i], in.values(), i * f, f);
        if (ins < s.emitted) { // a late first version between emitted rows: emit it now
          s.wide = Rows.ensure(s.wide, s.emitted + 1, width);
          s.wideRevision = Rows.ensure(s.wideRevision, s.emitted + 1);
          Rows.insertRow(s.wide, s.emitted, width, ins);
          Rows.insertRow(s.wideRevision, s.emitted, ins);
          s.emitted++;
          compute(s, ins, s.wide, ins * width);
          s.wideRevision[ins] = 0;
          out.add(start, s.wide, ins * width, 0, false);
        }
        return true;
      }
      if (at >= s.emitted) { // not emitted yet: just replace (or drop)
        if (in.retracted()[i]) {
          remove(rows, at, f);
        } else {
          set(rows, at, in.close()[i], in.values(), i * f, f);
        }
        return true;
      }
      if (in.retracted()[i]) {
        int rev = s.wideRevision[at] + 1;
        double[] nan = new double[width];
        Arrays.fill(nan, Double.NaN);
        out.add(start, nan, 0, rev, true);
        remove(rows, at, f);
        Rows.removeRows(s.wide, s.emitted, width, at, 1);
        Rows.removeRows(s.wideRevision, s.emitted, at, 1);
        s.emitted--;
        return true;
      }
      set(rows, at, in.close()[i], in.values(), i * f, f);
      recompute(s, at, at + 1, out, true);
      return true;
    }
    if (at >= 0) {
      if (in.retracted()[i]) {
        remove(rows, at, f);
      } else {
        set(rows, at, in.close()[i], in.values(), i * f, f);
      }
    } else if (!in.retracted()[i]) {
      insert(rows, -at - 1, start, in.close()[i], in.values(), i * f, f);
    } else {
      return true;
    }
    // every emitted base row closing at or after this coarse bar's close may have used it
    long avail = start + tf.durationMicros();
    Rows1 baseRows = s.rows[baseIndex()];
    int from = 0;
    while (from < s.emitted && baseRows.start[from] + base.durationMicros() < avail) {
      from++;
    }
    recompute(s, from, s.emitted, out, false);
    return true;
  }

  private void recompute(State s, int from, int to, Output out, boolean force) {
    int width = schema.size();
    double[] fresh = new double[width];
    Rows1 baseRows = s.rows[baseIndex()];
    for (int r = from; r < to; r++) {
      compute(s, r, fresh, 0);
      if (force || !io.quantflow.operators.util.Rows.sameRow(fresh, 0, s.wide, r, width)) {
        System.arraycopy(fresh, 0, s.wide, r * width, width);
        s.wideRevision[r]++;
        out.add(baseRows.start[r], s.wide, r * width, s.wideRevision[r], false);
      }
    }
  }

  private void prune(State s) {
    int b = baseIndex();
    Rows1 baseRows = s.rows[b];
    int f = features.size();
    int width = schema.size();
    if (s.emitted == 0) {
      return;
    }
    long lastEmittedStart = baseRows.start[s.emitted - 1];
    s.lastDirect = Math.max(s.lastDirect, lastEmittedStart);
    // base rows: keep the unemitted ones and, with a horizon, the emitted ones still revisable
    int drop = 0;
    while (drop < s.emitted && (horizonMicros == 0 || baseRows.start[drop] < lastEmittedStart - horizonMicros)) {
      drop++;
    }
    long earliestNeeded = drop < baseRows.n ? baseRows.start[drop] + base.durationMicros()
        : lastEmittedStart + base.durationMicros();
    if (drop > 0) {
      removeFirst(baseRows, drop, f);
      if (horizonMicros > 0) { // without a horizon the wide rows were never kept
        Rows.removeRows(s.wide, s.emitted, width, 0, drop);
        Rows.removeRows(s.wideRevision, s.emitted, 0, drop);
      }
      s.emitted -= drop;
    }
    pruneCoarse(s, earliestNeeded);
  }

  /** Drops coarser rows older than the latest one available by {@code earliestNeeded} (still needed from then). */
  private void pruneCoarse(State s, long earliestNeeded) {
    int b = baseIndex();
    int f = features.size();
    Rows1 baseRows = s.rows[b];
    if (baseRows.n > s.emitted) { // waiting base rows need the coarse rows from their own time on
      earliestNeeded = Math.min(earliestNeeded, baseRows.start[s.emitted] + base.durationMicros());
    }
    for (int t = 0; t < timeframes.size(); t++) {
      if (t == b) {
        continue;
      }
      Rows1 r = s.rows[t];
      if (r.n < 64) {
        continue; // pruning costs a copy: do it in batches
      }
      int j = latestAvailable(r, timeframes.get(t), earliestNeeded);
      if (j > 0) {
        removeFirst(r, j, f);
        if (s.hint != null) {
          s.hint[t] = Math.max(0, s.hint[t] - j);
        }
      }
    }
  }

  private static void append(Rows1 r, long start, double close, double[] src, int off, int f) {
    insert(r, r.n, start, close, src, off, f);
  }

  private static void insert(Rows1 r, int at, long start, double close, double[] src, int off, int f) {
    if (r.n == r.start.length) {
      int c = Math.max(8, r.n * 2);
      r.start = Arrays.copyOf(r.start, c);
      r.close = Arrays.copyOf(r.close, c);
      r.values = Arrays.copyOf(r.values, c * f);
    }
    int tail = r.n - at;
    System.arraycopy(r.start, at, r.start, at + 1, tail);
    System.arraycopy(r.close, at, r.close, at + 1, tail);
    System.arraycopy(r.values, at * f, r.values, (at + 1) * f, tail * f);
    r.start[at] = start;
    r.close[at] = close;
    System.arraycopy(src, off, r.values, at * f, f);
    r.n++;
  }

  private static void set(Rows1 r, int at, double close, double[] src, int off, int f) {
    r.close[at] = close;
    System.arraycopy(src, off, r.values, at * f, f);
  }

  private static void remove(Rows1 r, int at, int f) {
    int tail = r.n - at - 1;
    System.arraycopy(r.start, at + 1, r.start, at, tail);
    System.arraycopy(r.close, at + 1, r.close, at, tail);
    System.arraycopy(r.values, (at + 1) * f, r.values, at * f, tail * f);
    r.n--;
  }

  private static void removeFirst(Rows1 r, int count, int f) {
    int tail = r.n - count;
    System.arraycopy(r.start, count, r.start, 0, tail);
    System.arraycopy(r.close, count, r.close, 0, tail);
    System.arraycopy(r.values, count * f, r.values, 0, tail * f);
    r.n = tail;
  }
}
