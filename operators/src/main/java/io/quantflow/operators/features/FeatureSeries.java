package io.quantflow.operators.features;

import io.quantflow.domain.BarBlock;
import io.quantflow.domain.Checks;
import io.quantflow.operators.bars.BarBuffer;
import io.quantflow.operators.util.Rows;
import java.util.Arrays;
import java.util.List;

/**
 * The indicators of one symbol and timeframe over its bars, incremental and revisable: plain Java over a
 * {@link State} POJO kept in Flink keyed state, around a {@link FeatureSet}.
 *
 * <p>First versions of bars (in start order) are fed to the kernels once each. With a revision horizon (STREAMING
 * mode) the series also keeps, for the bars of the last {@code horizon}, the bar, the kernels' state before it and
 * the values emitted for it. A revised bar (a late trade, a correction), a retracted bar, or a late first version
 * inside the horizon then restores the state before it and recomputes it and every later kept bar, emitting a new
 * revision of each row whose values changed (and a retraction for a withdrawn bar). The latest revisions are then
 * exactly what feeding the final bars once, in order, gives: what a BATCH job emits. A change older than the
 * horizon is refused.
 */
public final class FeatureSeries {
  private final List<IndicatorSpec> indicators;
  private final long horizonMicros;
  private final FeatureSet kernels;
  private final int width;
  private final int stateSize;

  /** The per-key state. A Flink POJO. */
  public static final class State {
    /** The kernels' state after the latest bar. */
    public double[] kernels;
    /** Start of the latest bar fed, UTC epoch micros. */
    public long lastStart = Long.MIN_VALUE;
    /** Bars kept for revisions. */
    public BarBuffer bars = new BarBuffer();
    /** Kernel state before each kept bar, row-major. */
    public double[] before = new double[0];
    /** Values emitted for each kept bar, row-major. */
    public double[] values = new double[0];
    /** Revision emitted for each kept bar. */
    public int[] revision = new int[0];

    /** For Flink's POJO serializer. */
    public State() {}
  }

  /**
   * A series computing {@code indicators} (see {@link FeatureRegistry}).
   *
   * @param horizonMicros how far back (from the latest bar's start) a bar can be revised; 0 for none (BATCH)
   */
  public FeatureSeries(List<IndicatorSpec> indicators, long horizonMicros) {
    this.indicators = List.copyOf(indicators);
    Checks.isTrue(horizonMicros >= 0, "Argument 'horizonMicros' must not be negative but was %d", horizonMicros);
    this.horizonMicros = horizonMicros;
    this.kernels = FeatureRegistry.standard().newFeatureSet(this.indicators);
    this.width = kernels.schema().size();
    this.stateSize = kernels.stateSize();
  }

  /** Values per row. */
  public int width() {
    return width;
  }

  /** A fresh state. */
  public State newState() {
    State s = new State();
    s.kernels = FeatureRegistry.standard().newFeatureSet(indicators).save();
    return s;
  }

  /** The output of one {@link #onBlock} call. */
  public static final class Output {
    private final FeatureBlockBuilder rows;
    private long[] refused = new long[0];

    Output(FeatureBlockBuilder rows) {
      this.rows = rows;
    }

    /** The rows emitted (first versions, revisions, retractions) in emission order. */
    public FeatureBlockBuilder rows() {
      return rows;
    }

    /** Starts of input rows refused: revisions older than the horizon. */
    public long[] refused() {
      return refused;
    }

    void refuse(long start) {
      refused = Arrays.copyOf(refused, refused.length + 1);
      refused[refused.length - 1] = start;
    }
  }

  /** Feeds the rows of {@code in}; returns the feature rows to emit. */
  public Output onBlock(State s, BarBlock in) {
    Output out = new Output(new FeatureBlockBuilder(in.symbol(), in.timeframe(), width, in.size()));
    kernels.load(s.kernels);
    BarBlock.Cursor bar = in.cursor();
    boolean keep = horizonMicros > 0;
    for (int i = 0; i < in.size(); i++) {
      long start = in.startMicros()[i];
      boolean revision = in.revision()[i] > 0 || in.isRetracted(i) || start <= s.lastStart;
      if (revision) {
        if (!keep || !revise(s, in, i, out.rows)) {
          out.refuse(start);
        }
        continue;
      }
      int row = out.rows.append(start, in.close()[i], 0, false);
      if (keep) {
        int n = s.bars.size;
        s.before = Rows.ensure(s.before, n + 1, stateSize);
        kernels.save(s.before, n * stateSize);
      }
      kernels.update(bar.at(i), out.rows.values(), row * width);
      if (keep) {
        int n = s.bars.size;
        s.bars.append(in, i);
        s.values = Rows.ensure(s.values, n + 1, width);
        System.arraycopy(out.rows.values(), row * width, s.values, n * width, width);
        s.revision = Rows.ensure(s.revision, n + 1);
        s.revision[n] = 0;
      }
      s.lastStart = start;
    }
    if (keep) {
      prune(s);
    }
    s.kernels = kernels.save();
    return out;
  }

  private boolean revise(State s, BarBlock in, int i, FeatureBlockBuilder out) {
    BarBuffer bars = s.bars;
    long start = in.startMicros()[i];
    if (bars.isEmpty() || start < bars.start[0]) {
      return false;
    }
    int at = bars.indexOf(start);
    int from;
    double[] restore = new double[stateSize];
    if (at >= 0) {
      System.arraycopy(s.before, at * stateSize, restore, 0, stateSize);
      from = at;
      if (in.isRetracted(i)) {
        int rev = s.revision[at] + 1;
        out.retract(start, rev);
        removeKept(s, at);
      } else {
        bars.put(in, i);
      }
    } else if (!in.isRetracted(i)) {
      int ins = -at - 1;
      if (ins == bars.size) {
        return false; // not reachable: starts after the last kept bar are not revisions
      }
      System.arraycopy(s.before, ins * stateSize, restore, 0, stateSize);
      bars.put(in, i);
      int n = bars.size; // already one more
      s.before = Rows.ensure(s.before, n, stateSize);
      s.values = Rows.ensure(s.values, n, width);
      s.revision = Rows.ensure(s.revision, n);
      Rows.insertRow(s.before, n - 1, stateSize, ins);
      Rows.insertRow(s.values, n - 1, width, ins);
      Rows.insertRow(s.revision, n - 1, ins);
      s.revision[ins] = -1; // emitted below as revision 0
      from = ins;
    } else {
      return true; // retraction of a bar never seen: nothing to withdraw
    }
    kernels.load(restore);
    BarBuffer.Cursor cursor = bars.cursor(in.symbol(), in.timeframe());
    double[] fresh = new double[width];
    for (int r = from; r < bars.size; r++) {
      kernels.save(s.before, r * stateSize);
      kernels.update(cursor.at(r), fresh, 0);
      // the revised bar itself is always emitted again (its close may have changed); later rows when they differ
      boolean changed = r == from && !(at >= 0 && in.isRetracted(i)) || !Rows.sameRow(fresh, 0, s.values, r, width);
      if (changed) {
        int rev = s.revision[r] + 1;
        s.revision[r] = rev;
        System.arraycopy(fresh, 0, s.values, r * width, width);
        int row = out.append(bars.start[r], bars.close[r], rev, false);
        System.arraycopy(fresh, 0, out.values(), row * width, width);
      }
    }
    return true;
  }

  private void removeKept(State s, int at) {
    int n = s.bars.size;
    s.bars.remove(at);
    Rows.removeRows(s.before, n, stateSize, at, 1);
    Rows.removeRows(s.values, n, width, at, 1);
    Rows.removeRows(s.revision, n, at, 1);
  }

  private void prune(State s) {
    BarBuffer bars = s.bars;
    long cutoff = s.lastStart - horizonMicros;
    int drop = 0;
    while (drop < bars.size - 1 && bars.start[drop] < cutoff) {
      drop++;
    }
    if (drop > 0) {
      int n = bars.size;
      bars.dropFirst(drop);
      Rows.removeRows(s.before, n, stateSize, 0, drop);
      Rows.removeRows(s.values, n, width, 0, drop);
      Rows.removeRows(s.revision, n, 0, drop);
    }
  }
}
